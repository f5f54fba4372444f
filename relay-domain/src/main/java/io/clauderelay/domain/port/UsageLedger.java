package io.clauderelay.domain.port;

import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Records usage exactly once per request id and answers what a key, model or account has used. */
public interface UsageLedger {

  /** How many minutes back {@link #minuteTotals} can answer: the per-minute buckets are kept about this long. */
  int MINUTES_KEPT = 120;

  /**
   * Writes the record, its aggregates and cost counters, and releases its lease, all at once; the
   * record's list-price cost also joins its account's day total ({@link AccountStateStore#runtime}'s
   * today's cost, for {@code dailyQuota}). Completes with false (and changes nothing, the account's
   * cost included) when the request id was already settled.
   */
  CompletionStage<Boolean> settle(UsageSettlement settlement);

  /** The key's usage and limit counters as of {@code now} in the given buckets. */
  CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets buckets, int windowMinutes, Instant now);

  /** The key's most recent records, newest first (at most 200 are kept). */
  CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit);

  /** Per-model totals of one key for a day id, or for all time when {@code day} is null. */
  CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day);

  /** Global totals for a day id, and per-account totals for that day. */
  CompletionStage<Map<String, UsageTotals>> dailyTotals(String day);

  /**
   * Cluster-wide totals of each whole minute (UTC epoch minutes, by the records' own time): the
   * {@code minutes} minutes ending with the one containing {@code end}, oldest first, a minute
   * without usage as {@link UsageTotals#EMPTY}. {@code minutes} is 1..{@link #MINUTES_KEPT}.
   */
  CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes);

  /** The epoch minute (UTC) an instant falls in: the id of its per-minute bucket in every store. */
  static long epochMinute(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), 60_000L);
  }
}
