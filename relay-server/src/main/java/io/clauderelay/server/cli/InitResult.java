package io.clauderelay.server.cli;

import io.clauderelay.server.config.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code relay init} did. On {@link Outcome#CREATED} it carries the admin name and the plaintext
 * password, for the command to print once; nothing else keeps the plaintext.
 *
 * @param passwordGenerated true when the password is random (not ADMIN_PASSWORD), so it must be shown
 */
public record InitResult(
    Outcome outcome, Path initFile, Path envFile, boolean envFileWritten, Optional<String> adminUsername,
    Optional<Secret> adminPassword, boolean passwordGenerated) {

  /** Whether init wrote the admin file or found one already there. */
  public enum Outcome {
    CREATED, ALREADY_INITIALIZED
  }

  static InitResult alreadyInitialized(Path initFile, Path envFile, Optional<String> existingUsername) {
    return new InitResult(Outcome.ALREADY_INITIALIZED, initFile, envFile, false, existingUsername, Optional.empty(),
        false);
  }
}
