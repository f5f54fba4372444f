package io.clauderelay.server.config;

/** A configuration value that stops the start; the message is one line an operator can act on. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
