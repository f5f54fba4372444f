package io.clauderelay.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounting clock, key prefix, background job interval and the optional remote price file and its refresh. */
public record OperationsConfig(
    int timezoneOffsetHours, String apiKeyPrefix, Duration cleanupInterval, Optional<URI> pricingUrl,
    Duration pricingRefresh) {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,16}");

  /** The offset of the daily, weekly and monthly usage buckets. */
  public ZoneOffset zoneOffset() {
    return ZoneOffset.ofHours(timezoneOffsetHours);
  }

  static OperationsConfig from(EnvValues env) {
    String prefix = env.text("API_KEY_PREFIX", "cr_");
    if (!PREFIX.matcher(prefix).matches()) {
      throw EnvValues.invalid("API_KEY_PREFIX", "must be 1-16 letters, digits, _ or -", prefix, "API_KEY_PREFIX=cr_");
    }
    return new OperationsConfig(
        // 0 (UTC) is a valid offset: the original's `parseInt(x) || 8` turned it into 8.
        env.intInRange("TIMEZONE_OFFSET", 8, -12, 14, "TIMEZONE_OFFSET=8"),
        prefix,
        env.millis("CLEANUP_INTERVAL", 3_600_000L, "CLEANUP_INTERVAL=3600000"),
        env.text("PRICING_URL").map(OperationsConfig::pricingUrl),
        Duration.ofMinutes(env.intInRange("PRICING_REFRESH_MINUTES", 60, 1, 10_080, "PRICING_REFRESH_MINUTES=60")));
  }

  private static URI pricingUrl(String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException ignored) {
      // reported below
    }
    throw EnvValues.invalid("PRICING_URL", "must be an http(s) URL", raw,
        "PRICING_URL=https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json");
  }
}
