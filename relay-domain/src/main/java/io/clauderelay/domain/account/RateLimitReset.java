package io.clauderelay.domain.account;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an upstream's rate limit resets, read from its response headers (names in lower case).
 *
 * <p>Precedence: {@code retry-after} (the upstream's explicit instruction) → Anthropic's
 * {@code anthropic-ratelimit-unified-reset} (unix seconds) → the latest of the per-limit resets
 * ({@code anthropic-ratelimit-requests-reset} / {@code -tokens-reset} in RFC 3339, OpenAI's
 * {@code x-ratelimit-reset-requests} / {@code -tokens} as durations like {@code 6m0s}). The latest,
 * because a 429 does not say which limit was hit and the account is only usable again once all
 * have reset. Only instants after {@code now} count; unparsable or absurdly long values are ignored.
 */
public final class RateLimitReset {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(ns|us|\u00b5s|ms|h|m|s)");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,12}(?:\\.\\d{1,9})?");

  /** Longer than any real rate-limit window; also keeps {@code now.plus} far from overflow. */
  private static final Duration ABSURD = Duration.ofDays(3660);

  private RateLimitReset() {}

  public static Optional<Instant> parse(Map<String, String> lowerCaseHeaders, Instant now) {
    Optional<Instant> retryAfter = future(header(lowerCaseHeaders, "retry-after").flatMap(v -> retryAfter(v, now)),
        now);
    if (retryAfter.isPresent()) return retryAfter;
    Optional<Instant> unified = future(header(lowerCaseHeaders, "anthropic-ratelimit-unified-reset")
        .flatMap(RateLimitReset::unixSeconds), now);
    if (unified.isPresent()) return unified;
    Instant latest = null;
    for (Optional<Instant> candidate : List.of(
        header(lowerCaseHeaders, "anthropic-ratelimit-requests-reset").flatMap(RateLimitReset::rfc3339),
        header(lowerCaseHeaders, "anthropic-ratelimit-tokens-reset").flatMap(RateLimitReset::rfc3339),
        header(lowerCaseHeaders, "x-ratelimit-reset-requests").flatMap(RateLimitReset::goDuration).map(now::plus),
        header(lowerCaseHeaders, "x-ratelimit-reset-tokens").flatMap(RateLimitReset::goDuration).map(now::plus))) {
      Optional<Instant> f = future(candidate, now);
      if (f.isPresent() && (latest == null || f.get().isAfter(latest))) latest = f.get();
    }
    return Optional.ofNullable(latest);
  }

  /** {@code retry-after}: delta seconds, or an HTTP-date. */
  static Optional<Instant> retryAfter(String v, Instant now) {
    if (NUMBER.matcher(v).matches()) return Optional.of(now.plus(seconds(v)));
    try {
      return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Instant> unixSeconds(String v) {
    if (!NUMBER.matcher(v).matches()) return Optional.empty();
    return Optional.of(Instant.EPOCH.plus(seconds(v)));
  }

  static Optional<Instant> rfc3339(String v) {
    try {
      return Optional.of(OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A Go-style duration as OpenAI sends it: {@code 1s}, {@code 6m0s}, {@code 250ms}, {@code 1h2m3.5s}. */
  static Optional<Duration> goDuration(String v) {
    Matcher m = DURATION_PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) return Optional.empty();
      end = m.end();
      BigDecimal secondsPerUnit = switch (m.group(2)) {
        case "h" -> BigDecimal.valueOf(3600);
        case "m" -> BigDecimal.valueOf(60);
        case "s" -> BigDecimal.ONE;
        case "ms" -> new BigDecimal("0.001");
        case "us", "\u00b5s" -> new BigDecimal("0.000001");
        default -> new BigDecimal("0.000000001");
      };
      total = total.plus(toDuration(new BigDecimal(m.group(1)).multiply(secondsPerUnit)));
      if (total.compareTo(ABSURD) > 0) return Optional.empty();
    }
    return end == v.length() && end > 0 ? Optional.of(total) : Optional.empty();
  }

  private static Duration seconds(String v) {
    return toDuration(new BigDecimal(v));
  }

  private static Duration toDuration(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.DOWN);
    return Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
  }

  private static Optional<String> header(Map<String, String> headers, String name) {
    String v = headers == null ? null : headers.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static Optional<Instant> future(Optional<Instant> t, Instant now) {
    return t.filter(now::isBefore);
  }
}
