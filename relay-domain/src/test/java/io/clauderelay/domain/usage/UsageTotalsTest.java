package io.clauderelay.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.pricing.Cost;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Aggregation of usage records: one request, its tokens, rated and real cost per record. */
class UsageTotalsTest {
  private static final Instant AT = Instant.parse("2026-03-04T10:00:00Z");

  private static UsageRecord record(TokenUsage tokens, long realMicros, long ratedMicros) {
    Cost cost = new Cost(realMicros, 0, 0, 0, 0, realMicros, false, false);
    return new UsageRecord("r", "k", "acc", Provider.CLAUDE, "claude-sonnet-4", tokens, cost, ratedMicros, 200, false,
        10, 5, AT);
  }

  @Test
  void emptyIsAllZero() {
    assertThat(UsageTotals.EMPTY).isEqualTo(new UsageTotals(0, TokenUsage.ZERO, 0, 0));
  }

  @Test
  void plusCountsOneRequestAndAddsTokensAndBothCosts() {
    UsageTotals once = UsageTotals.EMPTY.plus(record(new TokenUsage(10, 20, 1, 2, 3), 1_000, 1_500));
    UsageTotals twice = once.plus(record(new TokenUsage(1, 1, 1, 1, 1), 10, 15));

    assertThat(once).isEqualTo(new UsageTotals(1, new TokenUsage(10, 20, 1, 2, 3), 1_500, 1_000));
    assertThat(twice).isEqualTo(new UsageTotals(2, new TokenUsage(11, 21, 2, 3, 4), 1_515, 1_010));
  }

  @Test
  void realCostIsTheRecordsTotalNotTheSumOfItsParts() {
    Cost cost = new Cost(1, 2, 3, 4, 5, 99, true, false);
    UsageRecord r = new UsageRecord("r", "k", "", Provider.OPENAI, "gpt-4o", TokenUsage.ZERO, cost, 0, 200, true, 1,
        1, AT);

    assertThat(UsageTotals.EMPTY.plus(r).realCostMicros()).isEqualTo(99);
  }

  @Test
  void aZeroTokenRecordStillCountsAsARequest() {
    assertThat(UsageTotals.EMPTY.plus(record(TokenUsage.ZERO, 0, 0)).requests()).isEqualTo(1);
  }

  @Test
  void usageRecordDefaultsAMissingAccountAndModel() {
    UsageRecord r = new UsageRecord("r", "k", null, Provider.CLAUDE, null, TokenUsage.ZERO, Cost.ZERO, 0, 200, false,
        0, 0, AT);

    assertThat(r.accountId()).isEmpty();
    assertThat(r.model()).isEqualTo("unknown");
  }
}
