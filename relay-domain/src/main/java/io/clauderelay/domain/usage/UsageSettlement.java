package io.clauderelay.domain.usage;

import java.util.Objects;

/**
 * Everything one settlement writes at once: the record and its aggregates, the window and cost
 * counters, the release of the request's concurrency lease, and the idempotency marker (request
 * id). {@code countsTowardWeekly} is true for Claude-family models.
 */
public record UsageSettlement(UsageRecord record, UsageBuckets buckets, String leaseId, boolean countsTowardWeekly) {
  public UsageSettlement {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(buckets, "buckets");
  }
}
