package io.clauderelay.embedded;

import io.clauderelay.domain.port.SettingsStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.h2.mvstore.MVMap;

/**
 * Operator settings (the alert channels) in the embedded store: an admin change like any other, so
 * each write is committed and synced before the admin API answers. The text is opaque (the caller
 * keeps it encrypted).
 */
public final class PersistentSettingsStore implements SettingsStore {
  private final EmbeddedFile file;
  private final MVMap<String, String> map;

  PersistentSettingsStore(EmbeddedFile file) {
    this.file = file;
    this.map = file.map("settings");
  }

  @Override
  public CompletionStage<Optional<String>> get(String name) {
    return CompletableFuture.completedFuture(Optional.ofNullable(map.get(name)));
  }

  @Override
  public CompletionStage<Void> put(String name, String value) {
    return file.write(() -> map.put(name, value), true);
  }
}
