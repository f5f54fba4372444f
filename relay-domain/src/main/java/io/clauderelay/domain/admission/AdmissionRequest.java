package io.clauderelay.domain.admission;

import io.clauderelay.domain.key.KeyLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One request asking to be admitted under its key's limits. The store checks and reserves in one
 * atomic step: a concurrency lease ({@code leaseId}, expiring after {@code leaseTtl}), one request
 * in the window, and {@code costReserveMicros} of rated cost held against the cost limits until
 * settlement. Bucket ids are computed by the caller in the operator's time zone.
 *
 * <p>With a {@code sessionId}, an admitted request also learns the account the conversation is
 * bound to (the binding is renewed to {@code now + stickyTtl}), read in the same atomic step: the
 * session belongs to the key, so it lives in the key's slot and costs no extra round trip.
 */
public record AdmissionRequest(
    String keyId,
    String leaseId,
    KeyLimits limits,
    Instant now,
    Duration leaseTtl,
    String day,
    String week,
    boolean claudeModel,
    long costReserveMicros,
    Instant dailyResetAt,
    Instant weeklyResetAt,
    String sessionId,
    Duration stickyTtl) {

  public AdmissionRequest {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (costReserveMicros < 0) throw new IllegalArgumentException("costReserveMicros must not be negative");
    if (sessionId != null && (stickyTtl == null || stickyTtl.isNegative() || stickyTtl.isZero())) {
      throw new IllegalArgumentException("a session needs a positive stickyTtl");
    }
  }

  /** A request without a session: no sticky lookup. */
  public AdmissionRequest(String keyId, String leaseId, KeyLimits limits, Instant now, Duration leaseTtl, String day,
      String week, boolean claudeModel, long costReserveMicros, Instant dailyResetAt, Instant weeklyResetAt) {
    this(keyId, leaseId, limits, now, leaseTtl, day, week, claudeModel, costReserveMicros, dailyResetAt, weeklyResetAt,
        null, null);
  }

  /** The same request, also looking up (and renewing) the session's account; null keeps none. */
  public AdmissionRequest withSession(String sessionId, Duration stickyTtl) {
    return new AdmissionRequest(keyId, leaseId, limits, now, leaseTtl, day, week, claudeModel, costReserveMicros,
        dailyResetAt, weeklyResetAt, sessionId, sessionId == null ? null : stickyTtl);
  }
}
