package io.clauderelay.embedded;

/** The embedded store cannot start (file locked by another relay, unreadable, not writable); the message is one line for the operator. */
public final class EmbeddedStoreException extends RuntimeException {
  public EmbeddedStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
