package io.clauderelay.domain.account;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's optional protections (issue 20), under CRS's field names.
 *
 * <ul>
 * <li>{@code autoStopOnWarning} takes a Claude subscription out of the pool until its usage window
 * resets: when the 5-hour window reports {@code allowed_warning} or, with
 * {@code autoStopUtilization} (percent), when any window (5-hour, weekly, a family's week) has used
 * that much.
 * <li>{@code disableAutoProtection}: upstream failures never cool the account down (the request
 * still fails over to the next account).
 * <li>{@code tempUnavailable503TtlSeconds}, {@code tempUnavailable5xxTtlSeconds}: this account's
 * cool-down after a 503 or another 5xx instead of the relay's; 0 turns that one off.
 * <li>{@code subscriptionExpiresAt}: from then on the account leaves the pool ("expired").
 * <li>{@code healthCheckIntervalSeconds}: how often one node sends the account its smallest real
 * request; a pass brings a cooled or failing account back into the pool (null or 0: never).
 * <li>{@code userMessageQueueEnabled}: a Claude subscription takes one new user turn at a time
 * across the cluster, the next {@code userMessageQueueDelayMs} (default 200) after the last one's
 * answer started; tool-result continuations and token counts are not held.
 * </ul>
 */
public record AccountProtections(boolean autoStopOnWarning, Integer autoStopUtilization, boolean disableAutoProtection,
    Integer tempUnavailable503TtlSeconds, Integer tempUnavailable5xxTtlSeconds, Instant subscriptionExpiresAt,
    Integer healthCheckIntervalSeconds, boolean userMessageQueueEnabled, Integer userMessageQueueDelayMs) {
  public static final AccountProtections NONE = new AccountProtections(false, null, false, null, null, null, null,
      false,
      null);
  /** CRS's default gap between two user turns of one account. */
  public static final Duration DEFAULT_TURN_GAP = Duration.ofMillis(200);

  public AccountProtections {
    if (autoStopUtilization != null && (autoStopUtilization < 1 || autoStopUtilization > 100)) {
      throw new IllegalArgumentException("autoStopUtilization must be 1..100");
    }
    if (tempUnavailable503TtlSeconds != null && tempUnavailable503TtlSeconds < 0
        || tempUnavailable5xxTtlSeconds != null && tempUnavailable5xxTtlSeconds < 0) {
      throw new IllegalArgumentException("cool-down overrides must not be negative");
    }
    if (healthCheckIntervalSeconds != null && healthCheckIntervalSeconds < 0) {
      throw new IllegalArgumentException("healthCheckIntervalSeconds must not be negative");
    }
    if (userMessageQueueDelayMs != null && userMessageQueueDelayMs < 0) {
      throw new IllegalArgumentException("userMessageQueueDelayMs must not be negative");
    }
  }

  /** Only the subscription window stop: the other protections as the relay's defaults. */
  public static AccountProtections autoStop(boolean onWarning, Integer utilization) {
    return new AccountProtections(onWarning, utilization, false, null, null, null, null, false, null);
  }

  /** The gap between two user turns when they are serialized. */
  public Duration turnGap() {
    return userMessageQueueDelayMs == null ? DEFAULT_TURN_GAP : Duration.ofMillis(userMessageQueueDelayMs);
  }

  /** How often the account is health-checked; empty when never. */
  public java.util.Optional<Duration> healthCheckInterval() {
    return healthCheckIntervalSeconds == null || healthCheckIntervalSeconds == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(Duration.ofSeconds(healthCheckIntervalSeconds));
  }

  /** Whether the account's subscription has expired at {@code now}. */
  public boolean expired(Instant now) {
    return subscriptionExpiresAt != null && !now.isBefore(subscriptionExpiresAt);
  }

  /** The relay's cool-down policy as this account applies it: its overrides, or none at all. */
  public CooldownPolicy cooldowns(CooldownPolicy relay) {
    if (disableAutoProtection) {
      return new CooldownPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO, Duration.ZERO);
    }
    if (tempUnavailable503TtlSeconds == null && tempUnavailable5xxTtlSeconds == null) return relay;
    return new CooldownPolicy(
        tempUnavailable503TtlSeconds == null
            ? relay.serviceUnavailable()
            : Duration.ofSeconds(tempUnavailable503TtlSeconds),
        tempUnavailable5xxTtlSeconds == null ? relay.serverError() : Duration.ofSeconds(tempUnavailable5xxTtlSeconds),
        relay.overloaded(), relay.auth(), relay.timeout(), relay.rateLimited(), relay.maxCustom());
  }
}
