package io.clauderelay.server.crs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How CRS writes values into its hashes (everything a string: {@code "true"}, JSON text, float
 * dollars, ISO or epoch-ms dates) read exactly: money goes through the decimal string, never a double.
 */
final class CrsValues {
  static final ObjectMapper JSON = new ObjectMapper();

  private CrsValues() {}

  /** A field that does not parse; the message names the field, never its value. */
  static final class BadField extends RuntimeException {
    BadField(String field, String problem) {
      super(field + " " + problem);
    }
  }

  static String text(Map<String, String> h, String field) {
    String v = h.get(field);
    return v == null ? "" : v.trim();
  }

  static boolean bool(Map<String, String> h, String field, boolean dflt) {
    String v = text(h, field);
    return v.isEmpty() ? dflt : v.equalsIgnoreCase("true") || v.equals("1");
  }

  static long number(Map<String, String> h, String field) {
    String v = text(h, field);
    if (v.isEmpty() || v.equals("null")) return 0;
    try {
      return new BigDecimal(v).setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadField(field, "is not a number");
    }
  }

  static int integer(Map<String, String> h, String field, int dflt) {
    if (text(h, field).isEmpty()) return dflt;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(h, field)));
  }

  /** Float dollars as CRS writes them ("0.0006299999999999999", "1e-7") to micro-dollars, half up. */
  static long micros(String dollars, String field) {
    String v = dollars == null ? "" : dollars.trim();
    if (v.isEmpty() || v.equals("null")) return 0;
    try {
      return new BigDecimal(v).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadField(field, "is not an amount of dollars");
    }
  }

  static long micros(Map<String, String> h, String field) {
    return micros(h.get(field), field);
  }

  /** ISO-8601 or epoch milliseconds; null when empty. */
  static Instant instant(Map<String, String> h, String field) {
    String v = text(h, field);
    if (v.isEmpty() || v.equals("null")) return null;
    try {
      if (v.chars().allMatch(Character::isDigit)) return Instant.ofEpochMilli(Long.parseLong(v));
      return Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      try {
        return java.time.OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        throw new BadField(field, "is not a date");
      }
    }
  }

  static JsonNode json(Map<String, String> h, String field) {
    String v = text(h, field);
    if (v.isEmpty()) return JSON.nullNode();
    try {
      return JSON.readTree(v);
    } catch (IOException e) {
      throw new BadField(field, "is not valid JSON");
    }
  }

  /** A JSON array of strings, or (older CRS records) a comma list. */
  static List<String> strings(Map<String, String> h, String field) {
    String v = text(h, field);
    List<String> out = new ArrayList<>();
    if (v.isEmpty()) return out;
    if (v.startsWith("[")) {
      json(h, field).forEach(n -> {
        if (!n.asText().isBlank()) out.add(n.asText().trim());
      });
      return out;
    }
    for (String s : v.split(",")) if (!s.isBlank()) out.add(s.trim());
    return out;
  }

  /**
   * A digest of a CRS record without the fields CRS rewrites on every request, so a rerun can tell
   * whether the operator changed anything in CRS since the last import.
   */
  static String fingerprint(Map<String, String> h, Set<String> volatileFields) {
    TreeMap<String, String> sorted = new TreeMap<>(h);
    volatileFields.forEach(sorted::remove);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sorted.forEach((k, v) -> {
        sha.update(k.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(v.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      });
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
