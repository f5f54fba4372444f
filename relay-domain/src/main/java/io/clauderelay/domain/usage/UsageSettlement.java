package io.clauderelay.domain.usage;

import io.clauderelay.domain.account.StickyBinding;
import java.util.Objects;

/**
 * Everything one settlement writes at once: the record and its aggregates, the window and cost
 * counters, the release of the request's concurrency lease, the idempotency marker (request id),
 * and optionally the conversation's sticky account ({@code sticky}, null = unchanged), timed from
 * the record's instant. {@code countsTowardWeekly} is true for Claude-family models. The record's
 * account id and list-price cost ({@code record.cost()}) add to that account's day total.
 */
public record UsageSettlement(UsageRecord record, UsageBuckets buckets, String leaseId, boolean countsTowardWeekly,
    StickyBinding sticky) {
  public UsageSettlement {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(buckets, "buckets");
  }

  /** A settlement that leaves the sticky session as it is. */
  public UsageSettlement(UsageRecord record, UsageBuckets buckets, String leaseId, boolean countsTowardWeekly) {
    this(record, buckets, leaseId, countsTowardWeekly, null);
  }
}
