package io.clauderelay.domain.admission;

import java.time.Instant;

/**
 * The counters a key's limits are checked against, as read inside the store's atomic step.
 * {@code windowStart} null means no window is open. {@code reservedCostMicros} is the cost held by
 * requests still in flight.
 */
public record LimitCounters(
    int inFlight,
    long reservedCostMicros,
    Instant windowStart,
    long windowRequests,
    long windowTokens,
    long windowCostMicros,
    long dailyCostMicros,
    long totalCostMicros,
    long weeklyCostMicros) {

  public static final LimitCounters EMPTY = new LimitCounters(0, 0, null, 0, 0, 0, 0, 0, 0);
}
