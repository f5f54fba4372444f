package io.clauderelay.server.health;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.server.admin.AccountProbe;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.oauth.ClusterLock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled account health checks (issue 20): each account with a {@code healthCheckIntervalSeconds}
 * gets its smallest real request ({@link AccountProbe}, as the admin "test" sends) that often, from
 * one node at a time (the cluster lock). A pass brings a cooled-down or failing account back into
 * the pool (cool-down cleared, an error status back to active; a blocked or disabled one stays an
 * operator matter); a failure and a return are kept in the account's error history on every node.
 */
public final class AccountHealthChecks {
  private static final Logger LOG = LoggerFactory.getLogger(AccountHealthChecks.class);
  static final String LOCK = "account-health-checks";
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration LOCK_TTL = Duration.ofSeconds(30);

  private final AccountStore accounts;
  private final AccountStateStore state;
  private final AccountErrorLog history;
  private final AccountProbe probe;
  private final ClusterLock lock;
  private final Clock clock;
  private final String node = UUID.randomUUID().toString();
  /** When each account was last checked by this node (the lock holder's view is the one that counts). */
  private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
  private boolean running;

  public AccountHealthChecks(AccountStore accounts, AccountStateStore state, AccountErrorLog history,
      AccountProbe probe, ClusterLock lock, Clock clock) {
    this.accounts = accounts;
    this.state = state;
    this.history = history;
    this.probe = probe;
    this.lock = lock;
    this.clock = clock;
  }

  /** Looks every second for accounts that are due; answers the timer to cancel. */
  public long start(Vertx vertx) {
    return vertx.setPeriodic(TICK.toMillis(), id -> tick());
  }

  private void tick() {
    if (running) return;
    Instant now = clock.instant();
    Async.from(accounts.list()).compose(all -> {
      List<Account> due = all.stream().filter(a -> a.active() && a.status() != AccountStatus.BLOCKED)
          .filter(a -> a.protections().healthCheckInterval()
              .map(every -> !now.isBefore(lastChecked.getOrDefault(a.id(), Instant.MIN).plus(every))).orElse(false))
          .toList();
      if (due.isEmpty()) return Future.succeededFuture();
      running = true;
      return Async.from(lock.tryLock(LOCK, node, LOCK_TTL))
          .compose(mine -> mine ? checkAll(due, 0) : Future.<Void>succeededFuture());
    }).onComplete(ar -> {
      running = false;
      if (ar.failed()) LOG.warn("account health checks: {}", String.valueOf(ar.cause()));
    });
  }

  /** One account after the other: a check is a real upstream request, never a burst. */
  private Future<Void> checkAll(List<Account> due, int i) {
    if (i >= due.size()) return Future.succeededFuture();
    return check(due.get(i)).recover(err -> {
      LOG.warn("health check of account {} failed to run: {}", due.get(i).id(), String.valueOf(err));
      return Future.succeededFuture();
    }).compose(v -> checkAll(due, i + 1));
  }

  Future<Void> check(Account a) {
    lastChecked.put(a.id(), clock.instant());
    return probe.probe(a, null).compose(result -> {
      Instant now = clock.instant();
      if (!result.ok()) {
        LOG.info("health check of account {}: failed (HTTP {}): {}", a.id(), result.status(), result.error());
        return Async.from(history.append(a.id(), new AccountErrorEvent(now, now,
            "health check failed (HTTP " + result.status() + ")")));
      }
      return Async.from(state.runtime(List.of(a.id()), now)).compose(rt -> {
        AccountRuntime r = rt.getOrDefault(a.id(), AccountRuntime.IDLE);
        boolean cooling = r.coolingDown(now);
        boolean failing = a.status() == AccountStatus.ERROR || a.status() == AccountStatus.UNAUTHORIZED;
        if (!cooling && !failing) return Future.<Void>succeededFuture();
        LOG.info("health check of account {}: passed in {} ms, back in the pool", a.id(), result.latencyMs());
        Future<Void> revived = failing
            ? Async.from(accounts.save(a.withStatus(AccountStatus.ACTIVE, "", now)))
            : Future.succeededFuture();
        return revived.compose(v -> Async.from(state.coolDown(a.id(), null, null)))
            .compose(v -> Async.from(history.append(a.id(),
                new AccountErrorEvent(now, now, "health check passed: back in the pool"))));
      });
    });
  }
}
