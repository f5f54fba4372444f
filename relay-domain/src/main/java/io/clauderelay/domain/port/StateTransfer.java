package io.clauderelay.domain.port;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A store's usage and account runtime as flat named entries, for {@code ./relay export} and
 * {@code import} between stores (embedded ↔ Redis). Usage entries are named and typed as {@code
 * io.clauderelay.domain.memory.LedgerEntries} says, account runtime as {@code AccountStateEntries}:
 * aggregates, spend counters, recent records, last use, sticky sessions, open windows, cool-downs,
 * plan and served cost. Leases and idempotency markers are not carried (they end with their requests).
 */
public interface StateTransfer {
  CompletionStage<Map<String, Object>> usageEntries(Instant now);

  /** Writes every entry, replacing what the store holds under the same names. */
  CompletionStage<Void> loadUsageEntries(Map<String, Object> entries, Instant now);

  CompletionStage<Map<String, Object>> accountStateEntries(Instant now);

  CompletionStage<Void> loadAccountStateEntries(Map<String, Object> entries, Instant now);
}
