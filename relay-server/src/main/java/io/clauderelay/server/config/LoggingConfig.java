package io.clauderelay.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Log level (a Logback level name) and the folder of the log files. */
public record LoggingConfig(String level, Path dir) {
    // The Node.js original used winston level names; accept them so an existing .env keeps working.
    private static final Map<String, String> LEVELS = Map.of(
            "trace", "TRACE", "silly", "TRACE", "debug", "DEBUG", "verbose", "DEBUG", "http", "DEBUG",
            "info", "INFO", "warn", "WARN", "warning", "WARN", "error", "ERROR", "off", "OFF");

    static LoggingConfig from(EnvValues env) {
        String raw = env.text("LOG_LEVEL", "info");
        String level = LEVELS.get(raw.toLowerCase(Locale.ROOT));
        if (level == null) {
            throw EnvValues.invalid("LOG_LEVEL", "must be one of trace, debug, info, warn, error, off", raw, "LOG_LEVEL=info");
        }
        return new LoggingConfig(level, env.path("LOG_DIR", "./logs"));
    }
}
