package io.clauderelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The merged variables with typed, validating readers. Every reader throws a {@link ConfigException}
 * naming the variable, the problem and an example; secret readers never put the value in a message.
 * A blank value counts as not set, so a template line like {@code REDIS_PASSWORD=} keeps the default.
 */
final class EnvValues {
  private static final int SHOWN_VALUE_MAX = 40;

  private final Map<String, String> values;
  private final Path workDir;
  private final Set<String> read = new TreeSet<>();

  EnvValues(Map<String, String> values, Path workDir) {
    this.values = new HashMap<>();
    values.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        this.values.put(k, v.strip());
      }
    });
    this.workDir = workDir;
  }

  /** Names of every variable a reader has asked for: lets a test check that the documentation lists them all. */
  Set<String> namesRead() {
    return Set.copyOf(read);
  }

  Optional<String> text(String name) {
    read.add(name);
    return Optional.ofNullable(values.get(name));
  }

  String text(String name, String dflt) {
    return text(name).orElse(dflt);
  }

  Optional<Secret> secret(String name) {
    return text(name).map(Secret::of);
  }

  int intInRange(String name, int dflt, int min, int max, String example) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the same message as an out-of-range value
    }
    throw invalid(name, "must be an integer " + min + "-" + max, raw.get(), example);
  }

  long positiveLong(String name, long dflt, String unit, String example) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(raw.get());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(name, "must be a positive whole number of " + unit, raw.get(), example);
  }

  Duration millis(String name, long dflt, String example) {
    return Duration.ofMillis(positiveLong(name, dflt, "milliseconds", example));
  }

  Duration seconds(String name, long dflt, String example) {
    return Duration.ofSeconds(positiveLong(name, dflt, "seconds", example));
  }

  Duration hoursDecimal(String name, double dflt, String example) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return Duration.ofMillis(Math.round(dflt * 3_600_000d));
    }
    try {
      double v = Double.parseDouble(raw.get());
      long ms = Math.round(v * 3_600_000d);
      // Upper bound keeps the millisecond count far from overflow; ten years is no real TTL anyway.
      if (Double.isFinite(v) && ms > 0 && v <= 87_600) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(name, "must be a positive number of hours (decimals allowed, at most 87600)", raw.get(), example);
  }

  boolean bool(String name, boolean dflt) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return dflt;
    }
    switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" :
        return true;
      case "false", "0", "no", "off" :
        return false;
      default :
        throw invalid(name, "must be true or false", raw.get(), name + "=" + !dflt);
    }
  }

  /** A path; relative values are taken from the working folder, where the {@code .env} file is too. */
  Path path(String name, String dflt) {
    String raw = text(name, dflt);
    try {
      return workDir.resolve(raw).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      throw invalid(name, "must be a file system path", raw, name + "=" + dflt);
    }
  }

  /** The standard message for a bad non-secret value: {@code NAME must be … (got "…"), e.g. NAME=…}. */
  static ConfigException invalid(String name, String problem, String got, String example) {
    return new ConfigException(name + " " + problem + " (got " + shown(got) + "), e.g. " + example);
  }

  /** The message for a bad secret: describes the value ({@code what}) instead of showing it. */
  static ConfigException invalidSecret(String name, String problem, String what, String example) {
    return new ConfigException(name + " " + problem + " (got " + what + "), e.g. " + example);
  }

  static ConfigException missing(String name, String why, String example) {
    return new ConfigException(name + " must be set " + why + ", e.g. " + example);
  }

  /** The value quoted, shortened and with control characters replaced, so the message stays on one line. */
  static String shown(String value) {
    StringBuilder sb = new StringBuilder("\"");
    value.codePoints().limit(SHOWN_VALUE_MAX).forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    if (value.codePointCount(0, value.length()) > SHOWN_VALUE_MAX) {
      sb.append('…');
    }
    return sb.append('"').toString();
  }
}
