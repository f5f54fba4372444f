package io.clauderelay.domain.usage;

import java.time.Instant;

/**
 * A key's usage as its owner and the limit checks see it: totals, today, this month, the current
 * rate-limit window, the cost counters of its cost limits and the requests in flight.
 */
public record KeyUsage(
    UsageTotals total,
    UsageTotals today,
    UsageTotals month,
    Instant windowStart,
    long windowRequests,
    long windowTokens,
    long windowCostMicros,
    long dailyCostMicros,
    long totalCostMicros,
    long weeklyCostMicros,
    int inFlight,
    Instant lastUsedAt) {}
