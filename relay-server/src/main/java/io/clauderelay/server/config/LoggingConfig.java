package io.clauderelay.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Log level (a Logback level name), the folder of the log files, and the console's format: JSON
 * lines, human-readable lines, or {@code auto} (readable when standard output is a terminal).
 */
public record LoggingConfig(String level, Path dir, ConsoleFormat consoleFormat) {
  /** How the console log is written; the files are always JSON. */
  public enum ConsoleFormat {
    AUTO, JSON, TEXT
  }

  /** The console format left to {@code auto}. */
  public LoggingConfig(String level, Path dir) {
    this(level, dir, ConsoleFormat.AUTO);
  }

  // The Node.js original used winston level names; accept them so an existing .env keeps working.
  private static final Map<String, String> LEVELS = Map.of(
      "trace", "TRACE", "silly", "TRACE", "debug", "DEBUG", "verbose", "DEBUG", "http", "DEBUG",
      "info", "INFO", "warn", "WARN", "warning", "WARN", "error", "ERROR", "off", "OFF");

  static LoggingConfig from(EnvValues env) {
    String raw = env.text("LOG_LEVEL", "info");
    String level = LEVELS.get(raw.toLowerCase(Locale.ROOT));
    if (level == null) {
      throw EnvValues.invalid("LOG_LEVEL", "must be one of trace, debug, info, warn, error, off", raw,
          "LOG_LEVEL=info");
    }
    String format = env.text("LOG_FORMAT", "auto");
    ConsoleFormat consoleFormat = switch (format.toLowerCase(Locale.ROOT)) {
      case "auto" -> ConsoleFormat.AUTO;
      case "json" -> ConsoleFormat.JSON;
      case "text" -> ConsoleFormat.TEXT;
      default -> throw EnvValues.invalid("LOG_FORMAT", "must be auto, json or text", format, "LOG_FORMAT=auto");
    };
    return new LoggingConfig(level, env.path("LOG_DIR", "./logs"), consoleFormat);
  }
}
