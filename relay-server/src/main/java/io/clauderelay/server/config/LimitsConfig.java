package io.clauderelay.server.config;

import java.time.Duration;

/** Request size and time limits, and how long a sticky session keeps its account. */
public record LimitsConfig(int requestMaxSizeMb, Duration requestTimeout, Duration stickySessionTtl) {

  public long requestMaxSizeBytes() {
    return requestMaxSizeMb * 1024L * 1024L;
  }

  static LimitsConfig from(EnvValues env) {
    return new LimitsConfig(
        env.intInRange("REQUEST_MAX_SIZE_MB", 60, 1, 4096, "REQUEST_MAX_SIZE_MB=60"),
        env.millis("REQUEST_TIMEOUT", 600_000L, "REQUEST_TIMEOUT=600000"),
        env.hoursDecimal("STICKY_SESSION_TTL_HOURS", 1, "STICKY_SESSION_TTL_HOURS=1.5"));
  }
}
