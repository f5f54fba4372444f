package io.clauderelay.server.config;

import java.util.Optional;

/**
 * {@code GET /metrics}: the optional Bearer token that guards it and whether request, token and
 * cost series carry a per-key label (off by default: one series per key can be many series).
 */
public record MetricsConfig(Optional<Secret> token, boolean perKey) {
  static final int TOKEN_MIN_LENGTH = 16;

  static MetricsConfig from(EnvValues env) {
    Optional<Secret> token = env.secret("METRICS_TOKEN");
    if (token.isPresent() && token.get().length() < TOKEN_MIN_LENGTH) {
      throw EnvValues.invalidSecret("METRICS_TOKEN", "must be at least " + TOKEN_MIN_LENGTH + " characters",
          token.get().length() + " characters", "METRICS_TOKEN=<openssl rand -hex 32>");
    }
    return new MetricsConfig(token, env.bool("METRICS_PER_KEY", false));
  }
}
