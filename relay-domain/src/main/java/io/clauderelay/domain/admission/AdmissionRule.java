package io.clauderelay.domain.admission;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pure admission decision over a key's limits and its current counters, in the original's
 * order: concurrency, window requests, window tokens, window cost, daily, total, weekly (Claude
 * models only). A limit is reached when the counter (plus cost held by requests in flight) is at
 * or above it, so a limit of N admits exactly N.
 */
public final class AdmissionRule {
  private AdmissionRule() {}

  public static Optional<Failure> decide(AdmissionRequest req, LimitCounters c) {
    KeyLimits l = req.limits();
    Instant now = req.now();
    if (l.concurrency() > 0 && c.inFlight() >= l.concurrency()) {
      return Optional.of(Failure.of(FailureKind.POLICY_CONCURRENCY_LIMIT,
          "Too many concurrent requests. Limit: " + l.concurrency() + " concurrent requests")
          .withDetail("currentConcurrency", c.inFlight())
          .withDetail("concurrencyLimit", l.concurrency())
          .withRetryAfter(1));
    }
    if (l.hasWindow()) {
      boolean open = windowOpen(c.windowStart(), l.windowMinutes(), now);
      Instant start = open ? c.windowStart() : now;
      Instant resetAt = start.plus(Duration.ofMinutes(l.windowMinutes()));
      long requests = open ? c.windowRequests() : 0;
      long tokens = open ? c.windowTokens() : 0;
      long cost = (open ? c.windowCostMicros() : 0) + c.reservedCostMicros();
      long retry = Math.max(1, ceilSeconds(Duration.between(now, resetAt)));
      if (l.windowRequests() > 0 && requests >= l.windowRequests()) {
        return Optional.of(window("Rate limit exceeded: " + l.windowRequests() + " requests per "
            + l.windowMinutes() + " minutes", resetAt, retry)
            .withDetail("currentRequests", requests).withDetail("requestLimit", l.windowRequests()));
      }
      if (l.windowTokens() > 0 && tokens >= l.windowTokens()) {
        return Optional.of(window("Rate limit exceeded: " + l.windowTokens() + " tokens per "
            + l.windowMinutes() + " minutes", resetAt, retry)
            .withDetail("currentTokens", tokens).withDetail("tokenLimit", l.windowTokens()));
      }
      if (l.windowCostMicros() > 0 && cost >= l.windowCostMicros()) {
        return Optional.of(window("Rate limit exceeded: $" + Money.format(l.windowCostMicros()) + " per "
            + l.windowMinutes() + " minutes", resetAt, retry)
            .withDetail("currentCost", Money.toDollars(cost))
            .withDetail("costLimit", Money.toDollars(l.windowCostMicros())));
      }
    }
    if (l.dailyCostMicros() > 0 && c.dailyCostMicros() + c.reservedCostMicros() >= l.dailyCostMicros()) {
      return Optional.of(cost(FailureKind.POLICY_DAILY_COST_LIMIT, "Daily cost limit reached ($"
          + Money.format(l.dailyCostMicros()) + ")", c.dailyCostMicros(), l.dailyCostMicros(), req.dailyResetAt()));
    }
    if (l.totalCostMicros() > 0 && c.totalCostMicros() + c.reservedCostMicros() >= l.totalCostMicros()) {
      return Optional.of(cost(FailureKind.POLICY_TOTAL_COST_LIMIT, "Total cost limit reached ($"
          + Money.format(l.totalCostMicros()) + ")", c.totalCostMicros(), l.totalCostMicros(), null));
    }
    if (req.claudeModel() && l.weeklyCostMicros() > 0
        && c.weeklyCostMicros() + c.reservedCostMicros() >= l.weeklyCostMicros()) {
      return Optional.of(cost(FailureKind.POLICY_WEEKLY_COST_LIMIT, "Weekly Claude cost limit reached ($"
          + Money.format(l.weeklyCostMicros()) + ")", c.weeklyCostMicros(), l.weeklyCostMicros(), req.weeklyResetAt()));
    }
    return Optional.empty();
  }

  /** A fixed window is open while less than its length has passed since it started. */
  public static boolean windowOpen(Instant windowStart, int windowMinutes, Instant now) {
    return windowStart != null && now.isBefore(windowStart.plus(Duration.ofMinutes(windowMinutes)));
  }

  /** Rounded up: a client that waits a truncated Retry-After comes back while the window is still open. */
  private static long ceilSeconds(Duration d) {
    return d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
  }

  private static Failure window(String message, Instant resetAt, long retry) {
    return Failure.of(FailureKind.POLICY_WINDOW_LIMIT, message)
        .withDetail("resetAt", resetAt.toString())
        .withRetryAfter(retry);
  }

  private static Failure cost(FailureKind kind, String message, long current, long limit, Instant resetAt) {
    Failure f = Failure.of(kind, message)
        .withDetail("currentCost", Money.toDollars(current))
        .withDetail("costLimit", Money.toDollars(limit));
    return resetAt == null ? f : f.withDetail("resetAt", resetAt.toString());
  }
}
