package io.clauderelay.domain.port;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Named operator settings shared by every node (e.g. the alert channels), each one opaque text the
 * caller writes whole: the store neither reads nor merges it, so a caller may keep it encrypted.
 */
public interface SettingsStore {
  CompletionStage<Optional<String>> get(String name);

  /** Replaces the named setting; every node reads the new text from then on. */
  CompletionStage<Void> put(String name, String value);
}
