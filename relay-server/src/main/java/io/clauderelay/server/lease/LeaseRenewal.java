package io.clauderelay.server.lease;

import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's key and account concurrency slots alive while their requests live, however long
 * they stream: slots are short leases ({@code CONCURRENCY_LEASE_SECONDS}), and one node-wide loop
 * renews all of them every third of a lease, in one pipelined call per store, not a timer per request.
 * A node that dies stops renewing, so its slots free themselves cluster-wide within one lease. A node
 * that loses its store keeps trying each interval: slots renewed before they ran out are kept; the
 * ones that ran out stay free (another request may hold them now) and their requests end normally.
 */
public final class LeaseRenewal {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewal.class);

  private final LiveLeases keyLeases = new LiveLeases();
  private final LiveLeases accountLeases = new LiveLeases();
  private final Clock clock;
  private final Duration ttl;
  private final AtomicBoolean running = new AtomicBoolean();
  private AdmissionStore admission;
  private AccountStateStore accounts;
  private long timer = -1;
  private Vertx vertx;

  public LeaseRenewal(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The admission store whose granted leases this node renews. */
  public AdmissionStore admission(AdmissionStore inner) {
    admission = inner;
    return new RenewedAdmission(inner, keyLeases);
  }

  /** The account state whose taken slots this node renews. */
  public AccountStateStore accountSlots(AccountStateStore inner) {
    accounts = inner;
    return new RenewedAccountSlots(inner, accountLeases);
  }

  /** The ledger; a settlement ends its key lease's renewal. */
  public UsageLedger ledger(UsageLedger inner) {
    return new RenewedLedger(inner, keyLeases);
  }

  public Duration ttl() {
    return ttl;
  }

  /** Starts renewing every {@code interval} (a third of the lease, so two renewals may fail before a slot is lost). */
  public void start(Vertx vertx, Duration interval) {
    this.vertx = vertx;
    timer = vertx.setPeriodic(interval.toMillis(), id -> renewNow());
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /** Leases this node renews right now: key leases, account slots. */
  public int[] held() {
    return new int[]{keyLeases.size(), accountLeases.size()};
  }

  /** One renewal round (skipped while the previous one is still waiting for its store). */
  void renewNow() {
    if (!running.compareAndSet(false, true)) return;
    Instant now = clock.instant();
    Map<String, List<String>> keys = keyLeases.snapshot();
    Map<String, List<String>> slots = accountLeases.snapshot();
    CompletionStage<Void> k = round("key", keys, admission == null ? null : admission.renew(keys, now, ttl));
    CompletionStage<Void> a = round("account", slots, accounts == null ? null : accounts.renew(slots, now, ttl));
    k.thenCombine(a, (x, y) -> null).whenComplete((v, err) -> running.set(false));
  }

  private CompletionStage<Void> round(String what, Map<String, List<String>> asked, CompletionStage<Integer> renewal) {
    int n = asked.values().stream().mapToInt(List::size).sum();
    if (renewal == null || n == 0) return java.util.concurrent.CompletableFuture.completedFuture(null);
    return renewal.handle((renewed, err) -> {
      if (err != null) {
        LOG.warn("could not renew {} {} leases ({}); retrying in the next round", n, what, String.valueOf(err));
      } else if (renewed < n) {
        // Released or settled since the snapshot (normal), or run out while the store was away.
        LOG.debug("renewed {} of {} {} leases", renewed, n, what);
      }
      return null;
    });
  }
}
