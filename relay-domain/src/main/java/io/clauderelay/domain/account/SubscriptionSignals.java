package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a subscription account's upstream answer says about the account (reference §3.5): a
 * disabled organisation or refused OAuth (blocked), a 429 that is about paid extra usage rather
 * than a rate limit, the 5-hour window status, and when the unified rate limits reset.
 */
public final class SubscriptionSignals {
  public static final String WINDOW_STATUS_HEADER = "anthropic-ratelimit-unified-5h-status";
  private static final String UNIFIED = "anthropic-ratelimit-unified-";

  private SubscriptionSignals() {}

  /** 403 (or 400) saying the organisation is disabled or OAuth is not allowed: the account is blocked. */
  public static boolean blocked(int status, String message) {
    if (status != 403 && status != 400) return false;
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("organization has been disabled") || m.contains("oauth authentication is currently not allowed");
  }

  /** A 429 about "extra usage" (1M context without paid extra usage) is the request's problem, not a limit. */
  public static boolean extraUsage(int status, String message) {
    return status == 429 && message != null && message.toLowerCase(Locale.ROOT).contains("extra usage");
  }

  /** The 5-hour window status ({@code allowed}, {@code allowed_warning}, {@code rejected}), if sent. */
  public static Optional<String> windowStatus(Map<String, String> lowerCaseHeaders) {
    String v = lowerCaseHeaders.get(WINDOW_STATUS_HEADER);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * When the limit that was hit resets: {@code retry-after} or {@code anthropic-ratelimit-unified-reset}
   * first (see {@link RateLimitReset}), else the latest reset of a unified window whose status is
   * {@code rejected} ({@code -5h-}, {@code -7d-}, ...).
   */
  public static Optional<Instant> reset(Map<String, String> lowerCaseHeaders, Instant now) {
    Optional<Instant> general = RateLimitReset.parse(lowerCaseHeaders, now);
    if (general.isPresent()) return general;
    Instant latest = null;
    for (Map.Entry<String, String> h : lowerCaseHeaders.entrySet()) {
      String name = h.getKey();
      if (!name.startsWith(UNIFIED) || !name.endsWith("-status") || !"rejected".equalsIgnoreCase(h.getValue().trim()))
        continue;
      String window = name.substring(UNIFIED.length(), name.length() - "-status".length());
      String reset = lowerCaseHeaders.get(UNIFIED + window + "-reset");
      if (reset == null || !reset.trim().matches("\\d{1,12}")) continue;
      Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
      if (at.isAfter(now) && (latest == null || at.isAfter(latest))) latest = at;
    }
    return Optional.ofNullable(latest);
  }
}
