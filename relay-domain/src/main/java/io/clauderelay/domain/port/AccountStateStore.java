package io.clauderelay.domain.port;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runtime state of accounts shared by all nodes: cool-downs, last use, per-account concurrency
 * leases and today's served cost. That cost is written by {@link UsageLedger#settle} (the record's
 * list-price cost, once per request id) in the day the store's own {@code TIMEZONE_OFFSET} buckets
 * give; {@link #runtime} reports it, so an account at its daily quota leaves the pool.
 */
public interface AccountStateStore {

  /** Runtime state of each id (IDLE when nothing is known). */
  CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now);

  /** Takes one of the account's {@code max} slots (0 = unlimited) for a request; false when full. */
  CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now);

  /** Gives the slot back and records the use (least-recently-used rotation). Idempotent. */
  CompletionStage<Void> release(String accountId, String requestId, Instant now);

  /**
   * Extends every account slot in {@code requestIdsByAccount} (account id to request ids) still
   * held at {@code now} to {@code now + ttl}, like {@link AdmissionStore#renew}: a slot already
   * released or expired stays free. Answers how many were renewed.
   */
  CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount, Instant now,
      Duration ttl);

  /** Takes the account out of scheduling until {@code until}; null clears the cool-down. */
  CompletionStage<Void> coolDown(String accountId, Instant until, String reason);

  // No defaults below: a decorator that forgot one would silently cool a whole account or drop a
  // fact instead of passing the call on (it happened twice), so every store must say what it does.

  /**
   * Takes the account out of scheduling for one model family ({@link
   * io.clauderelay.domain.account.ModelFamily}) until {@code until}, keeping it for the others.
   */
  CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason);

  /** Remembers the upstream's 5-hour window status of a subscription account (shown to the operator). */
  CompletionStage<Void> recordWindowStatus(String accountId, String status);

  /** Remembers the subscription plan of an account, which gates the models the scheduler gives it. */
  CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan);
}
