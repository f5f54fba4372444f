package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.SettingsStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Operator settings of a single embedded node, in memory. */
public final class InMemorySettingsStore implements SettingsStore {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Optional<String>> get(String name) {
    return CompletableFuture.completedFuture(Optional.ofNullable(values.get(name)));
  }

  @Override
  public CompletionStage<Void> put(String name, String value) {
    values.put(name, value);
    return CompletableFuture.completedFuture(null);
  }
}
