package io.clauderelay.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Token counts of one request: non-negative, and the sums that feed limits and price tiers. */
class TokenUsageTest {
  private static final TokenUsage SAMPLE = new TokenUsage(100, 20, 3, 4, 5);

  @Test
  void everyNegativeCountIsRejected() {
    assertThatThrownBy(() -> new TokenUsage(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenUsage(0, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenUsage(0, 0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenUsage(0, 0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenUsage(0, 0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalCountsEveryKindOfToken() {
    assertThat(SAMPLE.total()).isEqualTo(132);
  }

  @Test
  void promptTokensAreEverythingButOutput() {
    assertThat(SAMPLE.promptTokens()).isEqualTo(112);
  }

  @Test
  void cacheWriteAddsBothDurations() {
    assertThat(SAMPLE.cacheWrite()).isEqualTo(7);
  }

  @Test
  void plusAddsFieldByField() {
    assertThat(SAMPLE.plus(new TokenUsage(1, 2, 30, 40, 500))).isEqualTo(new TokenUsage(101, 22, 33, 44, 505));
    assertThat(SAMPLE.plus(TokenUsage.ZERO)).isEqualTo(SAMPLE);
  }

  @Test
  void zeroIsZeroAndAnyTokenIsNot() {
    assertThat(TokenUsage.ZERO.isZero()).isTrue();
    assertThat(new TokenUsage(0, 0, 0, 0, 1).isZero()).isFalse();
    assertThat(new TokenUsage(0, 1, 0, 0, 0).isZero()).isFalse();
  }
}
