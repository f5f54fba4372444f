package io.clauderelay.domain.key;

import java.time.Duration;
import java.time.Instant;

/**
 * When a key stops working. Fixed mode: {@code expiresAt} (null = never). Activation mode: the
 * key lives {@code activationAmount} hours or days from its first use; until then it has not
 * started counting.
 */
public record Expiry(ExpirationMode mode, Instant expiresAt, int activationAmount, boolean activationInDays,
    Instant activatedAt) {

  public static final Expiry NEVER = new Expiry(ExpirationMode.FIXED, null, 0, true, null);

  public Expiry {
    if (mode == null) mode = ExpirationMode.FIXED;
    if (mode == ExpirationMode.ACTIVATION && activationAmount < 1) {
      throw new IllegalArgumentException("activation mode needs activationDays >= 1");
    }
  }

  public static Expiry fixed(Instant expiresAt) {
    return new Expiry(ExpirationMode.FIXED, expiresAt, 0, true, null);
  }

  public static Expiry activation(int amount, boolean days) {
    return new Expiry(ExpirationMode.ACTIVATION, null, amount, days, null);
  }

  public boolean awaitingActivation() {
    return mode == ExpirationMode.ACTIVATION && activatedAt == null;
  }

  public Duration activationPeriod() {
    return days() ? Duration.ofDays(activationAmount) : Duration.ofHours(activationAmount);
  }

  private boolean days() {
    return activationInDays;
  }

  /** The expiry in force once activated at {@code now}. */
  public Expiry activate(Instant now) {
    if (!awaitingActivation()) return this;
    return new Expiry(mode, now.plus(activationPeriod()), activationAmount, activationInDays, now);
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
