package io.clauderelay.server.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Keeps secrets out of logs: a short prefix where a secret must be mentioned, masking of sensitive fields. */
public final class Redact {
  public static final String MASK = "***";
  private static final int PREFIX_LENGTH = 6;
  private static final int MIN_LENGTH_FOR_PREFIX = 10;
  // "token" only as the last word: refreshToken is a secret, inputTokens and tokenLimit are counts.
  private static final Pattern SENSITIVE = Pattern.compile(
      "(?i).*(password|passwd|secret|authorization|cookie|credential|api[_-]?key|private[_-]?key).*|.*token");
  // Field names that only point at a secret (an id, a prefix, a count) are safe to keep.
  private static final Pattern HARMLESS_SUFFIX = Pattern.compile(
      ".*(Id|Ids|Prefix|Name|Count|Type|ExpiresAt|_id|_ids|_prefix|_name|_count|_type|_expires_at)$");

  private Redact() {}

  /** The first 6 characters and an ellipsis, or {@code ***} for a value too short to show any of it. */
  public static String keyPrefix(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH_FOR_PREFIX) {
      return MASK;
    }
    return secret.substring(0, PREFIX_LENGTH) + "…";
  }

  /** Whether a field of this name is treated as holding a secret (apiKey, refresh_token, password…). */
  public static boolean isSensitiveName(String name) {
    return name != null && SENSITIVE.matcher(name).matches() && !HARMLESS_SUFFIX.matcher(name).matches();
  }

  /** A copy of {@code fields} with the values of sensitive names replaced by {@code ***}; null means empty. */
  public static Map<String, Object> fields(Map<String, ?> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (fields != null) {
      fields.forEach((k, v) -> out.put(k, isSensitiveName(k) && v != null ? MASK : v));
    }
    return out;
  }
}
