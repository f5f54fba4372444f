package io.clauderelay.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTotalsTest {
  @Test
  void totalsAddUpFieldByField() {
    UsageTotals a = new UsageTotals(2, new TokenUsage(10, 20, 1, 2, 3), 500, 400);
    UsageTotals b = new UsageTotals(1, new TokenUsage(5, 6, 7, 8, 9), 50, 40);

    assertThat(UsageTotals.sum(List.of(a, b, UsageTotals.EMPTY)))
        .isEqualTo(new UsageTotals(3, new TokenUsage(15, 26, 8, 10, 12), 550, 440));
    assertThat(UsageTotals.sum(List.of())).isEqualTo(UsageTotals.EMPTY);
  }
}
