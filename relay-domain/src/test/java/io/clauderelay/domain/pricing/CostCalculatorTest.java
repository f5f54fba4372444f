package io.clauderelay.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.domain.usage.TokenUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected amount below is worked out by hand from the per-million prices in the comments. */
class CostCalculatorTest {

  // Published prices as in the CRS price mirror (USD per token).
  private static final ModelPrice OPUS_4_5 = ModelPrice.builder("claude-opus-4-5-20251101").provider("anthropic")
      .input("5e-6").output("2.5e-5").cacheWrite5m("6.25e-6").cacheWrite1h("1e-5").cacheRead("5e-7").build();
  private static final ModelPrice OPUS_4_1 = ModelPrice.builder("claude-opus-4-1-20250805").provider("anthropic")
      .input("1.5e-5").output("7.5e-5").cacheWrite5m("1.875e-5").cacheWrite1h("3e-5").cacheRead("1.5e-6").build();
  private static final ModelPrice SONNET_4_5 = ModelPrice.builder("claude-sonnet-4-5-20250929").provider("anthropic")
      .input("3e-6").output("1.5e-5").cacheWrite5m("3.75e-6").cacheWrite1h("6e-6").cacheRead("3e-7")
      .inputAbove200k("6e-6").outputAbove200k("2.25e-5").cacheWrite5mAbove200k("7.5e-6")
      .cacheWrite1hAbove200k("1.2e-5").cacheReadAbove200k("6e-7").build();
  // Like the mirror's entry: a long-context tier without a 1-hour write price.
  private static final ModelPrice SONNET_4 = ModelPrice.builder("claude-sonnet-4-20250514").provider("anthropic")
      .input("3e-6").output("1.5e-5").cacheWrite5m("3.75e-6").cacheWrite1h("6e-6").cacheRead("3e-7")
      .inputAbove200k("6e-6").outputAbove200k("2.25e-5").cacheWrite5mAbove200k("7.5e-6").cacheReadAbove200k("6e-7")
      .build();
  private static final ModelPrice HAIKU_4_5 = ModelPrice.builder("claude-haiku-4-5-20251001").provider("anthropic")
      .input("1e-6").output("5e-6").cacheWrite5m("1.25e-6").cacheWrite1h("2e-6").cacheRead("1e-7").build();
  // LiteLLM's 2025 entry: no 1-hour write price.
  private static final ModelPrice HAIKU_3_5 = ModelPrice.builder("claude-3-5-haiku-20241022").provider("anthropic")
      .input("8e-7").output("4e-6").cacheWrite5m("1e-6").cacheRead("8e-8").build();
  private static final ModelPrice CLAUDE_BARE = ModelPrice.builder("claude-bare").provider("anthropic")
      .input("3e-6").output("1.5e-5").build();
  private static final ModelPrice BEDROCK_CLAUDE = ModelPrice.builder("anthropic.claude-x-v1:0").provider("bedrock")
      .input("3e-6").output("1.5e-5").build();
  private static final ModelPrice GPT_5 = ModelPrice.builder("gpt-5").provider("openai")
      .input("1.25e-6").output("1e-5").cacheRead("1.25e-7").build();
  private static final ModelPrice GPT_4O = ModelPrice.builder("gpt-4o").provider("openai")
      .input("2.5e-6").output("1e-5").cacheRead("1.25e-6").build();
  private static final ModelPrice GPT_5_6_SOL = ModelPrice.builder("gpt-5.6-sol").provider("openai")
      .input("5e-6").output("3e-5").cacheWrite5m("6.25e-6").cacheRead("5e-7").build();
  private static final ModelPrice GEMINI_2_5_PRO = ModelPrice.builder("gemini-2.5-pro")
      .provider("vertex_ai-language-models")
      .input("1.25e-6").output("1e-5").cacheRead("1.25e-7")
      .inputAbove200k("2.5e-6").outputAbove200k("1.5e-5").cacheReadAbove200k("2.5e-7").build();
  // Half a micro-dollar per token, to exercise rounding.
  private static final ModelPrice HALF_MICRO = ModelPrice.builder("half-micro").provider("openai")
      .input("5e-7").output("5e-7").cacheRead("5e-7").build();
  private static final ModelPrice TWO_FIFTHS_MICRO = ModelPrice.builder("two-fifths").provider("openai")
      .input("4e-7").output("4e-7").cacheRead("4e-7").build();

  private final CostCalculator calc = new CostCalculator(catalog(OPUS_4_5, OPUS_4_1, SONNET_4_5, SONNET_4, HAIKU_4_5,
      HAIKU_3_5, CLAUDE_BARE, BEDROCK_CLAUDE, GPT_5, GPT_4O, GPT_5_6_SOL, GEMINI_2_5_PRO, HALF_MICRO, TWO_FIFTHS_MICRO),
      CostCalculator.DEFAULT_FALLBACK);

  private static PriceCatalog catalog(ModelPrice... prices) {
    Map<String, ModelPrice> map = new LinkedHashMap<>();
    for (ModelPrice p : prices) map.put(p.model(), p);
    return new MapPriceCatalog(map);
  }

  private static TokenUsage usage(long input, long output, long write5m, long write1h, long read) {
    return new TokenUsage(input, output, write5m, write1h, read);
  }

  @Test
  void sonnetRequestWithEveryKindOfToken() {
    // 1,000 in × $3/M = 3,000µ; 500 out × $15/M = 7,500µ; 2,000 5m × $3.75/M = 7,500µ;
    // 1,000 1h × $6/M = 6,000µ; 10,000 read × $0.30/M = 3,000µ.
    Cost c = calc.cost("claude-sonnet-4-5-20250929", usage(1_000, 500, 2_000, 1_000, 10_000), false);

    assertThat(c).isEqualTo(new Cost(3_000, 7_500, 7_500, 6_000, 3_000, 27_000, false, false));
  }

  @Test
  void opusOneHourWritesCostMoreThanFiveMinuteWrites() {
    // 10,000 tokens × $6.25/M = 62,500µ for 5 minutes; × $10/M = 100,000µ for 1 hour.
    assertThat(calc.cost("claude-opus-4-5-20251101", usage(0, 0, 10_000, 0, 0), false).totalMicros()).isEqualTo(62_500);
    assertThat(calc.cost("claude-opus-4-5-20251101", usage(0, 0, 0, 10_000, 0), false).totalMicros())
        .isEqualTo(100_000);
  }

  @Test
  void opusFourOneInputAndOutput() {
    // 123 × $15/M = 1,845µ; 45 × $75/M = 3,375µ.
    Cost c = calc.cost("claude-opus-4-1-20250805", usage(123, 45, 0, 0, 0), false);
    assertThat(c.inputMicros()).isEqualTo(1_845);
    assertThat(c.outputMicros()).isEqualTo(3_375);
    assertThat(c.totalMicros()).isEqualTo(5_220);
  }

  @Test
  void haikuCacheReadsRoundHalfUpInTheTotal() {
    // 7 in × $1/M = 7µ; 3 out × $5/M = 15µ; 9 read × $0.10/M = 0.9µ. Total 22.9µ → 23µ.
    Cost c = calc.cost("claude-haiku-4-5-20251001", usage(7, 3, 0, 0, 9), false);
    assertThat(c).isEqualTo(new Cost(7, 15, 0, 0, 1, 23, false, false));
  }

  @Test
  void partsAlwaysAddUpToTheRoundedExactTotal() {
    // Two parts of 0.5µ: the exact total is 1µ, not the 2µ that rounding each part would give.
    Cost halves = calc.cost("half-micro", usage(1, 0, 0, 0, 1), false);
    assertThat(halves.totalMicros()).isEqualTo(1);
    assertThat(halves.inputMicros() + halves.cacheReadMicros()).isEqualTo(1);

    // Three parts of 0.4µ: exact 1.2µ → 1µ, where rounding each part would give 0µ.
    Cost fifths = calc.cost("two-fifths", usage(1, 1, 0, 0, 1), false);
    assertThat(fifths.totalMicros()).isEqualTo(1);
    assertThat(fifths.inputMicros() + fifths.outputMicros() + fifths.cacheReadMicros()).isEqualTo(1);
  }

  @Test
  void roundUpsGoToTheLargestRemainders() {
    // Haiku: 1 in = 1µ; 1 out = 5µ; 3 5m × $1.25/M = 3.75µ; 1 1h × $2/M = 2µ; 3 read × $0.10/M = 0.3µ.
    // Exact 12.05µ → 12µ; the one round-up goes to the 5m write (remainder 0.75).
    Cost c = calc.cost("claude-haiku-4-5-20251001", usage(1, 1, 3, 1, 3), false);
    assertThat(c).isEqualTo(new Cost(1, 5, 4, 2, 0, 12, false, false));
  }

  @Test
  void promptOfExactlyTwoHundredThousandTokensUsesTheBasePrice() {
    // 200,000 × $3/M = 600,000µ; 1,000 out × $15/M = 15,000µ.
    Cost c = calc.cost("claude-sonnet-4-20250514", usage(200_000, 1_000, 0, 0, 0), true);
    assertThat(c).isEqualTo(new Cost(600_000, 15_000, 0, 0, 0, 615_000, false, false));
  }

  @Test
  void promptOfTwoHundredThousandAndOneTokensUsesTheLongContextTier() {
    // 200,001 × $6/M = 1,200,006µ; 1,000 out × $22.50/M = 22,500µ.
    Cost c = calc.cost("claude-sonnet-4-20250514", usage(200_001, 1_000, 0, 0, 0), false);
    assertThat(c).isEqualTo(new Cost(1_200_006, 22_500, 0, 0, 0, 1_222_506, false, true));
  }

  @Test
  void cacheTokensCountTowardsTheLongContextThreshold() {
    // Prompt = 50,000 + 100,000 + 40,000 + 10,001 = 200,001 → tier.
    // in 50,000 × $6/M = 300,000µ; out 2,000 × $22.50/M = 45,000µ; 5m 100,000 × $7.50/M = 750,000µ;
    // 1h has no tier price: Claude → 2 × tier input = $12/M → 40,000 × $12/M = 480,000µ;
    // read 10,001 × $0.60/M = 6,000.6µ. Exact total 1,581,000.6µ → 1,581,001µ.
    Cost c = calc.cost("claude-sonnet-4-20250514", usage(50_000, 2_000, 100_000, 40_000, 10_001), false);
    assertThat(c).isEqualTo(new Cost(300_000, 45_000, 750_000, 480_000, 6_001, 1_581_001, false, true));
  }

  @Test
  void longContextTierWithEveryTierPriceGiven() {
    // Sonnet 4.5 tier: in $6, out $22.50, 5m $7.50, 1h $12, read $0.60 per million.
    // 100,000 in = 600,000µ; 100 out = 2,250µ; 50,000 5m = 375,000µ; 50,000 1h = 600,000µ; 1 read = 0.6µ.
    Cost c = calc.cost("claude-sonnet-4-5-20250929[1m]", usage(100_000, 100, 50_000, 50_000, 1), true);
    assertThat(c).isEqualTo(new Cost(600_000, 2_250, 375_000, 600_000, 1, 1_577_251, false, true));
  }

  @Test
  void modelWithoutALongContextTierKeepsItsPriceAboveTwoHundredThousand() {
    // 300,000 × $5/M = 1,500,000µ.
    Cost c = calc.cost("claude-opus-4-5-20251101", usage(300_000, 0, 0, 0, 0), true);
    assertThat(c.totalMicros()).isEqualTo(1_500_000);
    assertThat(c.longContext()).isFalse();
  }

  @Test
  void geminiLongContextTier() {
    // 250,000 × $2.50/M = 625,000µ; 1,000 out × $15/M = 15,000µ; 10,000 read × $0.25/M = 2,500µ.
    Cost c = calc.cost("gemini-2.5-pro", usage(250_000, 1_000, 0, 0, 10_000), false);
    assertThat(c).isEqualTo(new Cost(625_000, 15_000, 0, 0, 2_500, 642_500, false, true));
  }

  @Test
  void missingOneHourPriceIsTwiceTheInputForClaude() {
    // 1,000 1h × 2 × $0.80/M = 1,600µ; 1,000 5m at the given $1/M = 1,000µ.
    Cost c = calc.cost("claude-3-5-haiku-20241022", usage(0, 0, 1_000, 1_000, 0), false);
    assertThat(c.cacheWrite1hMicros()).isEqualTo(1_600);
    assertThat(c.cacheWrite5mMicros()).isEqualTo(1_000);
  }

  @Test
  void missingClaudeCachePricesUseAnthropicsMultipliers() {
    // Input $3/M: 5m = $3.75/M → 3,750µ; 1h = $6/M → 6,000µ; read = $0.30/M → 300µ per 1,000 tokens.
    TokenUsage u = usage(0, 0, 1_000, 1_000, 1_000);
    Cost byProvider = calc.cost("claude-bare", u, false);
    assertThat(byProvider).isEqualTo(new Cost(0, 0, 3_750, 6_000, 300, 10_050, false, false));
    Cost byName = calc.cost("anthropic.claude-x-v1:0", u, false);
    assertThat(byName).isEqualTo(byProvider);
  }

  @Test
  void missingCachePricesUseTheInputPriceForOtherModels() {
    // gpt-4o input $2.50/M: 1,000 5m = 2,500µ; 1,000 1h = 2,500µ; the given read $1.25/M = 1,250µ.
    Cost c = calc.cost("gpt-4o", usage(0, 0, 1_000, 1_000, 1_000), false);
    assertThat(c).isEqualTo(new Cost(0, 0, 2_500, 2_500, 1_250, 6_250, false, false));
  }

  @Test
  void missingOneHourPriceFallsBackToTheFiveMinutePriceForOtherModels() {
    // gpt-5.6-sol 5m $6.25/M: 1,000 1h tokens = 6,250µ.
    assertThat(calc.cost("gpt-5.6-sol", usage(0, 0, 0, 1_000, 0), false).cacheWrite1hMicros()).isEqualTo(6_250);
  }

  @Test
  void openAiRequestWithCachedPromptTokens() {
    // prompt_tokens 10,000 of which 8,000 cached → input 2,000 (cached subtracted before pricing).
    // 2,000 × $1.25/M = 2,500µ; 500 out × $10/M = 5,000µ; 8,000 read × $0.125/M = 1,000µ.
    Cost c = calc.cost("gpt-5", usage(2_000, 500, 0, 0, 8_000), false);
    assertThat(c).isEqualTo(new Cost(2_500, 5_000, 0, 0, 1_000, 8_500, false, false));
  }

  @Test
  void unknownModelUsesTheFallbackPriceAndSaysSo() {
    // Default fallback is Sonnet's: 1,000 in × $3/M = 3,000µ; 1,000 out × $15/M = 15,000µ;
    // 1,000 1h × $6/M = 6,000µ.
    Cost c = calc.cost("mystery-model-9", usage(1_000, 1_000, 0, 1_000, 0), false);
    assertThat(c).isEqualTo(new Cost(3_000, 15_000, 0, 6_000, 0, 24_000, true, false));
  }

  @Test
  void configuredFallbackAppliesTheRulesOfTheRequestedModel() {
    CostCalculator openAiFallback = new CostCalculator(MapPriceCatalog.empty(),
        ModelPrice.builder("fallback").provider("openai").input("1e-6").output("2e-6").build());
    // Non-Claude name: read at the input price, 1,000 × $1/M = 1,000µ.
    assertThat(openAiFallback.cost("some-gpt", usage(0, 0, 0, 0, 1_000), false))
        .isEqualTo(new Cost(0, 0, 0, 0, 1_000, 1_000, true, false));
    // A Claude name gets the Claude multiplier: read 0.1 × $1/M → 100µ.
    assertThat(openAiFallback.cost("claude-next", usage(0, 0, 0, 0, 1_000), false).cacheReadMicros()).isEqualTo(100);
  }

  @Test
  void zeroUsageCostsNothing() {
    assertThat(calc.cost("claude-opus-4-5-20251101", TokenUsage.ZERO, false)).isEqualTo(Cost.ZERO);
  }

  @Test
  void overflowThrowsRatherThanWrapping() {
    assertThatThrownBy(() -> calc.cost("claude-opus-4-1-20250805", usage(0, Long.MAX_VALUE / 2, 0, 0, 0), false))
        .isInstanceOf(ArithmeticException.class);
  }
}
