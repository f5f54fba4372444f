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
    Instant weeklyResetAt) {

  public AdmissionRequest {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (costReserveMicros < 0) throw new IllegalArgumentException("costReserveMicros must not be negative");
  }
}
