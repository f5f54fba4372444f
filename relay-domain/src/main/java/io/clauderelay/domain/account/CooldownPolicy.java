package io.clauderelay.domain.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long an account stays out of scheduling after each class of upstream failure (SPEC §6).
 * A zero duration disables the cool-down for that class; {@code maxCustom} caps a 429 cool-down
 * taken from the upstream's own reset time.
 */
public record CooldownPolicy(
    Duration serviceUnavailable,
    Duration serverError,
    Duration overloaded,
    Duration auth,
    Duration timeout,
    Duration rateLimited,
    Duration maxCustom) {

  /** SPEC §6 defaults: 503 60 s, 5xx 300 s, 529 600 s, 401/403 1800 s, timeout 300 s, 429 300 s (reset capped at 1800 s). */
  public static final CooldownPolicy DEFAULTS = new CooldownPolicy(
      Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(1800),
      Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(1800));

  public CooldownPolicy {
    for (Duration d : new Duration[]{serviceUnavailable, serverError, overloaded, auth, timeout, rateLimited,
        maxCustom}) {
      Objects.requireNonNull(d, "cool-down duration");
      if (d.isNegative()) throw new IllegalArgumentException("cool-down must not be negative: " + d);
    }
  }

  /**
   * The cool-down for a failure of class {@code c}. Only a 429 looks at {@code upstreamReset}: a
   * reset still in the future sets the cool-down (at least 1 s, at most {@code maxCustom}); a
   * missing or past one falls back to {@code rateLimited}. Connection failures cool down like
   * timeouts.
   */
  public Duration cooldown(UpstreamFailureClass c, Optional<Instant> upstreamReset, Instant now) {
    return switch (c) {
      case SERVICE_UNAVAILABLE -> serviceUnavailable;
      case SERVER_ERROR -> serverError;
      case OVERLOADED -> overloaded;
      case AUTH -> auth;
      case TIMEOUT, UNREACHABLE -> timeout;
      case RATE_LIMITED -> upstreamReset.filter(now::isBefore)
          .map(reset -> clamp(Duration.between(now, reset)))
          .orElse(rateLimited);
    };
  }

  private Duration clamp(Duration d) {
    Duration atLeastOne = d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    return atLeastOne.compareTo(maxCustom) > 0 ? maxCustom : atLeastOne;
  }
}
