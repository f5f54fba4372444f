package io.clauderelay.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ModelPriceTest {

  @Test
  void dollarsPerTokenBecomeExactPicos() {
    ModelPrice p = ModelPrice.builder("claude-sonnet-4-5").provider("anthropic")
        .input("3e-6").output("1.5e-5").cacheWrite5m("3.75e-6").cacheWrite1h("6e-6").cacheRead("3e-7")
        .inputAbove200k("6e-6").outputAbove200k("2.25e-5").maxOutputTokens(64_000).build();

    assertThat(p.base()).isEqualTo(new TierPrices(3_000_000, 15_000_000, 3_750_000, 6_000_000, 300_000));
    assertThat(p.above200k()).isEqualTo(
        new TierPrices(6_000_000, 22_500_000, TierPrices.ABSENT, TierPrices.ABSENT, TierPrices.ABSENT));
    assertThat(p.maxOutputTokens()).isEqualTo(64_000);
    assertThat(p.hasLongContextTier()).isTrue();
  }

  @Test
  void staticFactoryLeavesCachePricesAbsentNotZero() {
    ModelPrice p = ModelPrice.ofDollarsPerToken("gpt-x", "openai", new BigDecimal("1.25e-6"),
        new BigDecimal("0.00001"));

    assertThat(p.base().input()).isEqualTo(1_250_000);
    assertThat(p.base().output()).isEqualTo(10_000_000);
    assertThat(p.base().cacheRead()).isEqualTo(TierPrices.ABSENT);
    assertThat(p.above200k()).isEqualTo(TierPrices.NONE);
    assertThat(p.hasLongContextTier()).isFalse();
  }

  @Test
  void zeroIsARealPriceDistinctFromAbsent() {
    ModelPrice p = ModelPrice.builder("free-cache").input("1e-6").output("2e-6").cacheRead("0").build();
    assertThat(p.base().cacheRead()).isZero();
  }

  @Test
  void subPicoPricesRoundHalfUp() {
    assertThat(Money.picosFromDollars(new BigDecimal("4.6875e-9"))).isEqualTo(4_688);
    assertThat(Money.picosFromDollars(new BigDecimal("1.875e-8"))).isEqualTo(18_750);
  }

  @Test
  void inputAndOutputPricesAreRequired() {
    assertThatThrownBy(() -> ModelPrice.builder("x").input("1e-6").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelPrice.builder("x").output("1e-6").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativePricesAreRejected() {
    assertThatThrownBy(() -> ModelPrice.builder("x").input("-1e-6").output("1e-6").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claudeIsRecognisedByProviderOrName() {
    assertThat(ModelPrice.builder("some-model").provider("anthropic").input("1").output("1").build().isClaude())
        .isTrue();
    assertThat(ModelPrice.builder("anthropic.claude-3-7-sonnet-20250219-v1:0").provider("bedrock")
        .input("1").output("1").build().isClaude()).isTrue();
    assertThat(ModelPrice.builder("gpt-5").provider("openai").input("1").output("1").build().isClaude()).isFalse();
  }

  @Test
  void picosConvertToMicrosHalfUp() {
    assertThat(Money.microsFromPicos(499_999)).isZero();
    assertThat(Money.microsFromPicos(500_000)).isEqualTo(1);
    assertThat(Money.microsFromPicos(2_500_000)).isEqualTo(3);
    assertThat(Money.picosToDollars(3_750_000)).isEqualByComparingTo("0.00000375");
  }
}
