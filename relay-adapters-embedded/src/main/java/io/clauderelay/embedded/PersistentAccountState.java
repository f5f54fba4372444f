package io.clauderelay.embedded;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Account runtime answered from memory; last use and served cost reach the file with the periodic
 * flush, and a cool-down, window status or plan asks the writer for a flush at once (they are rare
 * and an operator expects them to hold). Concurrency leases are not kept.
 */
public final class PersistentAccountState implements AccountStateStore {
  private final InMemoryAccountStateStore hot;
  private final Runnable flushSoon;
  final EntryPersister persister;

  /** {@code ledger} is the embedded ledger's hot copy: its day totals hold each account's served cost. */
  PersistentAccountState(EmbeddedFile file, TimeBuckets buckets, InMemoryLedger ledger, Instant now,
      Runnable flushSoon) {
    this.hot = new InMemoryAccountStateStore(buckets, ledger);
    this.flushSoon = flushSoon;
    this.persister = new EntryPersister(file.map("accountState"), new AccountStateCodec(), Retention::accountState,
        new EntryPersister.Target() {
          @Override
          public Map<String, Object> snapshot() {
            return AccountStateEntries.snapshot(hot);
          }

          @Override
          public void put(String name, Object value) {
            AccountStateEntries.put(hot, name, value);
          }

          @Override
          public void remove(String name) {
            AccountStateEntries.remove(hot, name);
          }
        }, null);
    persister.load(now);
  }

  Map<String, Object> entries() {
    return AccountStateEntries.snapshot(hot);
  }

  void load(Map<String, Object> entries) {
    entries.forEach((name, value) -> AccountStateEntries.put(hot, name, value));
  }

  public int purgeExpired(Instant now) {
    return hot.purgeExpired(now);
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    return hot.runtime(accountIds, now);
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    return hot.acquire(accountId, requestId, max, ttl, now);
  }

  /** Leases live only in memory (they die with the process), so renewing them touches no file. */
  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount, Instant now,
      Duration ttl) {
    return hot.renew(requestIdsByAccount, now, ttl);
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    return hot.release(accountId, requestId, now);
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    return soon(hot.coolDown(accountId, until, reason));
  }

  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    return soon(hot.coolDownFamily(accountId, family, until, reason));
  }

  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return soon(hot.recordWindowStatus(accountId, status));
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return soon(hot.recordPlan(accountId, plan));
  }

  private CompletionStage<Void> soon(CompletionStage<Void> done) {
    flushSoon.run();
    return done;
  }
}
