package io.clauderelay.server.alert;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.domain.usage.UsageBuckets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts that come from looking rather than from a request: recoveries of the accounts this
 * node cooled down, a settlement journal that does not drain, store round trips that failed, and
 * (on one node at a time) keys and accounts at 80 % and 100 % of a cost limit.
 */
public final class AlertWatch {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);
  private final Alerts alerts;
  private final AccountStore accounts;
  private final AccountStateStore state;
  private final ApiKeyStore keys;
  private final UsageLedger ledger;
  private final JournalingUsageLedger journal;
  private final TimeBuckets buckets;
  private final Clock clock;
  private int backlogTicks;
  private long journaledSeen;

  public AlertWatch(Alerts alerts, AccountStore accounts, AccountStateStore state, ApiKeyStore keys, UsageLedger ledger,
      JournalingUsageLedger journal, TimeBuckets buckets, Clock clock) {
    this.alerts = alerts;
    this.accounts = accounts;
    this.state = state;
    this.keys = keys;
    this.ledger = ledger;
    this.journal = journal;
    this.buckets = buckets;
    this.clock = clock;
  }

  /** Starts the periodic checks (the quota scan every 4th time, on one node: {@code lock}); returns the timer id. */
  public long start(Vertx vertx, Duration every, Alerts.Dedupe lock) {
    String node = java.util.UUID.randomUUID().toString();
    int[] n = {0};
    return vertx.setPeriodic(every.toMillis(), id -> {
      tick();
      if (++n[0] % 4 != 0) return;
      Future.fromCompletionStage(lock.first("alert-quota-scan", node, every.multipliedBy(3)))
          .compose(mine -> mine ? quotas() : Future.succeededFuture())
          .onFailure(err -> LOG.debug("quota scan skipped: {}", err.toString()));
    });
  }

  /** One look: store failures, the journal, recoveries (the timer's work; tests call it to look now). */
  public void tick() {
    alerts.refreshConfig();
    // A settlement journaled since the last look is a store write that failed, as much as a failed admission.
    long journaled = journal.journaledTotal();
    long failures = alerts.storeFailures.getAndSet(0) + (journaled - journaledSeen);
    journaledSeen = journaled;
    if (failures > 0) {
      alerts.systemError("store_unavailable", failures + " store round trips failed (failover or the store is away)",
          Duration.ofMinutes(10));
    }
    int pending = journal.pending();
    backlogTicks = pending > 0 ? backlogTicks + 1 : 0;
    if (backlogTicks >= 2) {
      alerts.systemError("journal_backlog",
          pending + " usage settlements wait in the journal for the store (replayed every second)",
          Duration.ofMinutes(10));
    }
    recoveries();
  }

  private void recoveries() {
    Instant now = clock.instant();
    List<String> due = alerts.cooling.entrySet().stream().filter(e -> !now.isBefore(e.getValue()))
        .map(Map.Entry::getKey).toList();
    if (due.isEmpty()) return;
    Future.fromCompletionStage(state.runtime(due, now)).onSuccess(runtime -> due.forEach(id -> {
      AccountRuntime r = runtime.getOrDefault(id, AccountRuntime.IDLE);
      if (r.coolingDown(now)) alerts.cooling.put(id, r.coolingUntil());
      else alerts.recovered(id);
    })).onFailure(err -> LOG.debug("recovery check skipped: {}", err.toString()));
  }

  /** Keys' cost limits and accounts' daily quotas at 80 % or 100 %, each once per period. */
  public Future<Void> quotas() {
    Instant now = clock.instant();
    Future<Void> keyChecks = Future.fromCompletionStage(keys.list()).compose(list -> Future.all(list.stream()
        .filter(k -> k.active() && !k.deleted() && hasCostLimit(k.limits())).map(k -> key(k, now)).toList())
        .mapEmpty());
    Future<Void> accountChecks = Future.fromCompletionStage(accounts.list()).compose(list -> {
      List<Account> quota = list.stream().filter(a -> a.dailyQuotaMicros() > 0).toList();
      if (quota.isEmpty()) return Future.succeededFuture();
      return Future.fromCompletionStage(state.runtime(quota.stream().map(Account::id).toList(), now)).map(runtime -> {
        quota.forEach(a -> check("account", a.id(), a.name(), "dailyQuota",
            runtime.getOrDefault(a.id(), AccountRuntime.IDLE).todayCostMicros(), a.dailyQuotaMicros(),
            buckets.day(now)));
        return null;
      });
    });
    return Future.all(keyChecks, accountChecks).mapEmpty();
  }

  private Future<Void> key(ApiKey k, Instant now) {
    KeyLimits l = k.limits();
    UsageBuckets b = new UsageBuckets(buckets.day(now), buckets.hour(now), buckets.month(now),
        buckets.week(now, l.weeklyResetDay(), l.weeklyResetHour()));
    return Future.fromCompletionStage(ledger.keyUsage(k.id(), b, Math.max(1, l.windowMinutes()), now)).map(u -> {
      check("key", k.id(), k.name(), "dailyCost", u.dailyCostMicros(), l.dailyCostMicros(), b.day());
      check("key", k.id(), k.name(), "weeklyCost", u.weeklyCostMicros(), l.weeklyCostMicros(), b.week());
      check("key", k.id(), k.name(), "totalCost", u.totalCostMicros(), l.totalCostMicros(), "total");
      return null;
    });
  }

  private void check(String kind, String id, String name, String limit, long used, long max, String period) {
    if (max <= 0) return;
    // Integer percent of integer micro-dollars: 100 * used / max, rounded down.
    long percent = used >= Long.MAX_VALUE / 100 ? 100 : used * 100 / max;
    if (percent >= 100) alerts.quota(kind, id, name, limit, 100, used, max, period);
    else if (percent >= 80) alerts.quota(kind, id, name, limit, 80, used, max, period);
  }

  private static boolean hasCostLimit(KeyLimits l) {
    return l.dailyCostMicros() > 0 || l.weeklyCostMicros() > 0 || l.totalCostMicros() > 0;
  }
}
