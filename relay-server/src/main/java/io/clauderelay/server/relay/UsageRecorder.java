package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.observe.RelayObserver;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prices a finished request and settles it: record, aggregates, cost counters, lease release. */
public final class UsageRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

  private final AdmissionStore admission;
  private final UsageLedger ledger;
  private final CostCalculator costs;
  private final Clock clock;
  private final TimeBuckets buckets;
  private final RelayObserver observer;

  public UsageRecorder(AdmissionStore admission, UsageLedger ledger, CostCalculator costs, Clock clock,
      TimeBuckets buckets, RelayObserver observer) {
    this.admission = admission;
    this.ledger = ledger;
    this.costs = costs;
    this.clock = clock;
    this.buckets = buckets;
    this.observer = observer;
  }

  /** What one finished request used, as the relay observed it. */
  public record Outcome(ApiKey key, String leaseId, String requestId, String accountId, Provider provider, String model,
      TokenUsage tokens, int status, boolean stream, long latencyMs, long firstByteMs, boolean longContext,
      StickyBinding sticky) {}

  public UsageBuckets bucketsFor(ApiKey key, Instant now) {
    return new UsageBuckets(buckets.day(now), buckets.hour(now), buckets.month(now),
        buckets.week(now, key.limits().weeklyResetDay(), key.limits().weeklyResetHour()));
  }

  /**
   * Settles the request. Without any usage there is nothing to bill: only the lease is released.
   * A store failure is logged with the request id and never fails the client's response.
   */
  public Future<Boolean> settle(Outcome o) {
    Instant now = clock.instant();
    if (o.tokens() == null || o.tokens().isZero()) {
      return o.leaseId() == null
          ? Future.succeededFuture(false)
          : Async.from(admission.release(o.key().id(), o.leaseId(),
              o.sticky() != null && o.sticky().isForget() ? o.sticky().sessionId() : null)).map(false);
    }
    Cost cost = costs.cost(o.model(), o.tokens(), o.longContext());
    long rated = Money.rated(cost.totalMicros(), o.key().rate(o.provider()));
    // Counted once here: a settlement the store cannot take now is journaled and replayed, never dropped.
    observer.usage(o.provider(), o.model(), o.tokens(), cost.totalMicros(), o.key().id());
    UsageRecord record = new UsageRecord(o.requestId(), o.key().id(), o.accountId(), o.provider(), o.model(),
        o.tokens(),
        cost, rated, o.status(), o.stream(), o.latencyMs(), o.firstByteMs(), now);
    UsageSettlement settlement = new UsageSettlement(record, bucketsFor(o.key(), now), o.leaseId(),
        Provider.isClaudeModel(o.model()), o.sticky());
    // The settlement also adds the record's list-price cost to its account's day total (dailyQuota),
    // under the same settle-once marker: no separate write that could be lost or counted twice.
    return Async.from(ledger.settle(settlement)).onFailure(err -> LOG
        .error("usage settlement failed for request {} (key {}): {}", o.requestId(), o.key().id(), err.toString()));
  }
}
