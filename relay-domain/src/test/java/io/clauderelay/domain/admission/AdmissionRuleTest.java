package io.clauderelay.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every limit of the pure admission rule at its boundary, and the order in which they apply. */
class AdmissionRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final Instant DAILY_RESET = Instant.parse("2026-03-04T16:00:00Z");
  private static final Instant WEEKLY_RESET = Instant.parse("2026-03-08T16:00:00Z");
  private static final long DOLLAR = 1_000_000;

  private static KeyLimits limits(int concurrency, int windowMinutes, long windowRequests, long windowTokens,
      long windowCost, long daily, long total, long weekly) {
    return new KeyLimits(concurrency, windowMinutes, windowRequests, windowTokens, windowCost, daily, total, weekly, 1,
        0);
  }

  private static AdmissionRequest ask(KeyLimits l, Instant now, boolean claude) {
    return new AdmissionRequest("k", "lease", l, now, Duration.ofMinutes(5), "2026-03-04", "2026-03-02T00", claude, 0,
        DAILY_RESET, WEEKLY_RESET);
  }

  private static AdmissionRequest ask(KeyLimits l) {
    return ask(l, NOW, true);
  }

  /** Counters with a window opened at {@code windowStart}; every other counter zero. */
  private static LimitCounters window(Instant windowStart, long requests, long tokens, long costMicros) {
    return new LimitCounters(0, 0, windowStart, requests, tokens, costMicros, 0, 0, 0);
  }

  private static LimitCounters spent(long reserved, long daily, long total, long weekly) {
    return new LimitCounters(0, reserved, null, 0, 0, 0, daily, total, weekly);
  }

  private static LimitCounters inFlight(int n) {
    return new LimitCounters(n, 0, null, 0, 0, 0, 0, 0, 0);
  }

  private static Optional<FailureKind> kind(AdmissionRequest req, LimitCounters c) {
    return AdmissionRule.decide(req, c).map(Failure::kind);
  }

  @Test
  void noLimitsAdmitsWhateverTheCounters() {
    LimitCounters huge = new LimitCounters(1_000, 1_000 * DOLLAR, NOW, 1_000, 1_000_000, 1_000 * DOLLAR, 1_000 * DOLLAR,
        1_000 * DOLLAR, 1_000 * DOLLAR);

    assertThat(AdmissionRule.decide(ask(KeyLimits.NONE), huge)).isEmpty();
  }

  @Nested
  class Concurrency {
    private final KeyLimits three = limits(3, 0, 0, 0, 0, 0, 0, 0);

    @Test
    void oneBelowTheLimitIsAdmitted() {
      assertThat(AdmissionRule.decide(ask(three), inFlight(2))).isEmpty();
    }

    @Test
    void atTheLimitIsRefusedWithRetryAfterOneAndTheCounts() {
      Failure f = AdmissionRule.decide(ask(three), inFlight(3)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
      assertThat(f.message()).isEqualTo("Too many concurrent requests. Limit: 3 concurrent requests");
      assertThat(f.retryAfterSeconds()).isEqualTo(1L);
      assertThat(f.details()).containsEntry("currentConcurrency", 3).containsEntry("concurrencyLimit", 3);
    }

    @Test
    void overTheLimitIsRefusedToo() {
      assertThat(kind(ask(three), inFlight(7))).contains(FailureKind.POLICY_CONCURRENCY_LIMIT);
    }
  }

  @Nested
  class Window {
    private final Instant start = NOW.minus(Duration.ofMinutes(10));

    @Test
    void requestsAdmitExactlyN() {
      KeyLimits l = limits(0, 60, 5, 0, 0, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), window(start, 4, 0, 0))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l), window(start, 5, 0, 0)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
      assertThat(f.message()).isEqualTo("Rate limit exceeded: 5 requests per 60 minutes");
      assertThat(f.details()).containsEntry("currentRequests", 5L).containsEntry("requestLimit", 5L)
          .containsEntry("resetAt", start.plus(Duration.ofMinutes(60)).toString());
      assertThat(f.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(50).toSeconds());
    }

    @Test
    void theWindowIsStillOpenOneMillisecondBeforeItsEnd() {
      KeyLimits l = limits(0, 60, 5, 0, 0, 0, 0, 0);
      Instant justBefore = start.plus(Duration.ofMinutes(60)).minusMillis(1);

      Failure f = AdmissionRule.decide(ask(l, justBefore, true), window(start, 5, 0, 0)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
      assertThat(f.retryAfterSeconds()).isEqualTo(1L);
      assertThat(AdmissionRule.windowOpen(start, 60, justBefore)).isTrue();
    }

    @Test
    void retryAfterRoundsUpSoAClientThatWaitsThatLongFindsTheWindowClosed() {
      KeyLimits l = limits(0, 60, 5, 0, 0, 0, 0, 0);
      Instant midSecond = start.plusMillis(30_500);

      Failure f = AdmissionRule.decide(ask(l, midSecond, true), window(start, 5, 0, 0)).orElseThrow();

      assertThat(f.retryAfterSeconds()).isEqualTo(3570L);
      Instant retryAt = midSecond.plusSeconds(f.retryAfterSeconds());
      assertThat(AdmissionRule.windowOpen(start, 60, retryAt)).isFalse();
      assertThat(AdmissionRule.decide(ask(l, retryAt, true), window(start, 5, 0, 0))).isEmpty();
    }

    @Test
    void theWindowIsClosedExactlyAtItsEndAndItsCountersAreIgnored() {
      KeyLimits l = limits(0, 60, 5, 100, 1, 0, 0, 0);
      Instant end = start.plus(Duration.ofMinutes(60));

      assertThat(AdmissionRule.windowOpen(start, 60, end)).isFalse();
      assertThat(AdmissionRule.decide(ask(l, end, true), window(start, 5, 100, DOLLAR))).isEmpty();
    }

    @Test
    void noWindowStartMeansNoOpenWindow() {
      KeyLimits l = limits(0, 60, 1, 0, 0, 0, 0, 0);

      assertThat(AdmissionRule.windowOpen(null, 60, NOW)).isFalse();
      assertThat(AdmissionRule.decide(ask(l), window(null, 99, 0, 0))).isEmpty();
    }

    @Test
    void tokensAdmitBelowTheLimitAndRefuseAtIt() {
      KeyLimits l = limits(0, 60, 0, 1_000, 0, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), window(start, 50, 999, 0))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l), window(start, 50, 1_000, 0)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
      assertThat(f.message()).isEqualTo("Rate limit exceeded: 1000 tokens per 60 minutes");
      assertThat(f.details()).containsEntry("currentTokens", 1_000L).containsEntry("tokenLimit", 1_000L);
    }

    @Test
    void costAdmitsJustUnderTheLimitAndRefusesAtIt() {
      KeyLimits l = limits(0, 60, 0, 0, 2 * DOLLAR, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), window(start, 0, 0, 2 * DOLLAR - 1))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l), window(start, 0, 0, 2 * DOLLAR)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
      assertThat(f.message()).isEqualTo("Rate limit exceeded: $2 per 60 minutes");
      assertThat(f.details()).containsEntry("currentCost", new BigDecimal("2"))
          .containsEntry("costLimit", new BigDecimal("2"));
    }

    @Test
    void windowCostIncludesCostReservedByRequestsInFlight() {
      KeyLimits l = limits(0, 60, 0, 0, 2 * DOLLAR, 0, 0, 0);
      LimitCounters c = new LimitCounters(1, 500_000, start, 0, 0, 1_499_999, 0, 0, 0);
      LimitCounters reached = new LimitCounters(1, 500_000, start, 0, 0, 1_500_000, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), c)).isEmpty();
      assertThat(AdmissionRule.decide(ask(l), reached).orElseThrow().details())
          .containsEntry("currentCost", new BigDecimal("2"));
    }

    @Test
    void reservedCostCountsEvenWhenTheWindowHasRolledOver() {
      KeyLimits l = limits(0, 60, 0, 0, DOLLAR, 0, 0, 0);
      Instant longAgo = NOW.minus(Duration.ofHours(3));

      Failure f = AdmissionRule.decide(ask(l), new LimitCounters(1, DOLLAR, longAgo, 0, 0, 0, 0, 0, 0)).orElseThrow();

      assertThat(f.details()).containsEntry("resetAt", NOW.plus(Duration.ofMinutes(60)).toString());
    }

    @Test
    void hasWindowNeedsALengthAndABudget() {
      assertThat(limits(0, 0, 5, 5, 5, 0, 0, 0).hasWindow()).isFalse();
      assertThat(limits(0, 60, 0, 0, 0, 0, 0, 0).hasWindow()).isFalse();
      assertThat(limits(0, 60, 1, 0, 0, 0, 0, 0).hasWindow()).isTrue();
      assertThat(limits(0, 60, 0, 1, 0, 0, 0, 0).hasWindow()).isTrue();
      assertThat(limits(0, 60, 0, 0, 1, 0, 0, 0).hasWindow()).isTrue();
    }

    @Test
    void budgetsWithoutAWindowLengthAreNotEnforced() {
      KeyLimits l = limits(0, 0, 1, 1, 1, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), window(start, 10, 10, 10))).isEmpty();
    }

    @Test
    void requestsAreCheckedBeforeTokensBeforeCost() {
      KeyLimits l = limits(0, 60, 1, 1, 1, 0, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), window(start, 1, 1, 1)).orElseThrow().details())
          .containsKey("requestLimit");
      assertThat(AdmissionRule.decide(ask(l), window(start, 0, 1, 1)).orElseThrow().details())
          .containsKey("tokenLimit");
      assertThat(AdmissionRule.decide(ask(l), window(start, 0, 0, 1)).orElseThrow().details())
          .containsKey("costLimit");
    }
  }

  @Nested
  class CostLimits {
    @Test
    void dailyAdmitsJustUnderAndRefusesAtTheLimitWithTheRequestsResetTime() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 5 * DOLLAR, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), spent(0, 5 * DOLLAR - 1, 0, 0))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l), spent(0, 5 * DOLLAR, 0, 0)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_DAILY_COST_LIMIT);
      assertThat(f.message()).isEqualTo("Daily cost limit reached ($5)");
      assertThat(f.details()).containsEntry("currentCost", new BigDecimal("5"))
          .containsEntry("costLimit", new BigDecimal("5"))
          .containsEntry("resetAt", "2026-03-04T16:00:00Z");
      assertThat(f.retryAfterSeconds()).isNull();
    }

    @Test
    void dailyCountsCostReservedInFlight() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 5 * DOLLAR, 0, 0);

      assertThat(AdmissionRule.decide(ask(l), spent(DOLLAR, 4 * DOLLAR - 1, 0, 0))).isEmpty();
      assertThat(kind(ask(l), spent(DOLLAR, 4 * DOLLAR, 0, 0))).contains(FailureKind.POLICY_DAILY_COST_LIMIT);
    }

    @Test
    void totalAdmitsJustUnderAndRefusesAtTheLimitWithoutAResetTime() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 0, 100 * DOLLAR, 0);

      assertThat(AdmissionRule.decide(ask(l), spent(0, 0, 100 * DOLLAR - 1, 0))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l), spent(0, 0, 100 * DOLLAR, 0)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_TOTAL_COST_LIMIT);
      assertThat(f.message()).isEqualTo("Total cost limit reached ($100)");
      assertThat(f.details()).containsEntry("costLimit", new BigDecimal("100")).doesNotContainKey("resetAt");
    }

    @Test
    void totalCountsCostReservedInFlight() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 0, 100 * DOLLAR, 0);

      assertThat(AdmissionRule.decide(ask(l), spent(1, 0, 100 * DOLLAR - 2, 0))).isEmpty();
      assertThat(kind(ask(l), spent(1, 0, 100 * DOLLAR - 1, 0))).contains(FailureKind.POLICY_TOTAL_COST_LIMIT);
    }

    @Test
    void weeklyRefusesClaudeModelsAtTheLimitWithTheWeeklyResetTime() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 0, 0, 20 * DOLLAR);

      assertThat(AdmissionRule.decide(ask(l, NOW, true), spent(0, 0, 0, 20 * DOLLAR - 1))).isEmpty();
      Failure f = AdmissionRule.decide(ask(l, NOW, true), spent(0, 0, 0, 20 * DOLLAR)).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WEEKLY_COST_LIMIT);
      assertThat(f.message()).isEqualTo("Weekly Claude cost limit reached ($20)");
      assertThat(f.details()).containsEntry("resetAt", "2026-03-08T16:00:00Z");
    }

    @Test
    void weeklyCountsCostReservedInFlight() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 0, 0, 20 * DOLLAR);

      assertThat(kind(ask(l, NOW, true), spent(DOLLAR, 0, 0, 19 * DOLLAR)))
          .contains(FailureKind.POLICY_WEEKLY_COST_LIMIT);
    }

    @Test
    void weeklyDoesNotApplyToOtherModels() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 0, 0, 20 * DOLLAR);

      assertThat(AdmissionRule.decide(ask(l, NOW, false), spent(DOLLAR, 0, 0, 500 * DOLLAR))).isEmpty();
    }

    @Test
    void fractionalLimitsAreFormattedWithoutExponent() {
      KeyLimits l = limits(0, 0, 0, 0, 0, 1_500, 0, 0);

      Failure f = AdmissionRule.decide(ask(l), spent(0, 1_500, 0, 0)).orElseThrow();

      assertThat(f.message()).isEqualTo("Daily cost limit reached ($0.0015)");
      assertThat(f.details()).containsEntry("costLimit", Money.toDollars(1_500));
    }
  }

  @Nested
  class Order {
    private final Instant start = NOW.minus(Duration.ofMinutes(1));
    private final KeyLimits all = limits(1, 60, 1, 0, 0, DOLLAR, DOLLAR, DOLLAR);

    private LimitCounters counters(int inFlight, long windowRequests, long daily, long total, long weekly) {
      return new LimitCounters(inFlight, 0, start, windowRequests, 0, 0, daily, total, weekly);
    }

    @Test
    void concurrencyThenWindowThenDailyThenTotalThenWeekly() {
      assertThat(kind(ask(all), counters(1, 1, DOLLAR, DOLLAR, DOLLAR))).contains(FailureKind.POLICY_CONCURRENCY_LIMIT);
      assertThat(kind(ask(all), counters(0, 1, DOLLAR, DOLLAR, DOLLAR))).contains(FailureKind.POLICY_WINDOW_LIMIT);
      assertThat(kind(ask(all), counters(0, 0, DOLLAR, DOLLAR, DOLLAR))).contains(FailureKind.POLICY_DAILY_COST_LIMIT);
      assertThat(kind(ask(all), counters(0, 0, 0, DOLLAR, DOLLAR))).contains(FailureKind.POLICY_TOTAL_COST_LIMIT);
      assertThat(kind(ask(all), counters(0, 0, 0, 0, DOLLAR))).contains(FailureKind.POLICY_WEEKLY_COST_LIMIT);
      assertThat(kind(ask(all), counters(0, 0, 0, 0, 0))).isEmpty();
    }
  }
}
