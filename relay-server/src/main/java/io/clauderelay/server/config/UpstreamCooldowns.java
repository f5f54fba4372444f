package io.clauderelay.server.config;

import java.time.Duration;

/** How long an upstream account rests after each class of failure (SPEC §6). */
public record UpstreamCooldowns(
    Duration on503, Duration on5xx, Duration onOverload, Duration onAuthError, Duration onTimeout,
    Duration maxCustom) {

  static UpstreamCooldowns from(EnvValues env) {
    return new UpstreamCooldowns(
        ttl(env, "503", 60),
        ttl(env, "5XX", 300),
        ttl(env, "OVERLOAD", 600),
        ttl(env, "AUTH", 1800),
        ttl(env, "TIMEOUT", 300),
        ttl(env, "MAX_CUSTOM", 1800));
  }

  private static Duration ttl(EnvValues env, String kind, long dflt) {
    String name = "UPSTREAM_ERROR_" + kind + "_TTL_SECONDS";
    return env.seconds(name, dflt, name + "=" + dflt);
  }
}
