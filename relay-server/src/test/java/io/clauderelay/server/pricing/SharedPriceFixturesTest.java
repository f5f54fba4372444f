package io.clauderelay.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.pricing.TierPrices;
import io.clauderelay.domain.usage.TokenUsage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads the real LiteLLM file and the CRS price mirror; figures come from reference §12. */
class SharedPriceFixturesTest {
  private static final long ABSENT = TierPrices.ABSENT;

  private Path litellmFile;
  private Path mirrorFile;

  @BeforeEach
  void locateFixtures() {
    litellmFile = SharedFixtures.require(SharedFixtures.LITELLM);
    mirrorFile = SharedFixtures.require(SharedFixtures.MIRROR);
  }

  @Test
  void litellmFileHas1550TopLevelEntriesOfWhich1330HaveChatPrices() throws Exception {
    assertThat(new ObjectMapper().readTree(litellmFile.toFile()).size()).isEqualTo(1_550);
    PriceCatalog c = LiteLlmPriceFile.load(litellmFile);
    assertThat(c.size()).isEqualTo(1_330);
    assertThat(c.find("sample_spec")).isEmpty();
  }

  @Test
  void litellmSonnet4Prices() {
    ModelPrice p = LiteLlmPriceFile.load(litellmFile).find("claude-sonnet-4-20250514").orElseThrow();
    assertThat(p.provider()).isEqualTo("anthropic");
    assertThat(p.maxOutputTokens()).isEqualTo(64_000);
    // in 3e-6, out 1.5e-5, write 3.75e-6, read 3e-7; this 2025 file has no 1-hour price.
    assertThat(p.base()).isEqualTo(new TierPrices(3_000_000, 15_000_000, 3_750_000, ABSENT, 300_000));
  }

  @Test
  void litellmGpt5Prices() {
    ModelPrice p = LiteLlmPriceFile.load(litellmFile).find("gpt-5").orElseThrow();
    assertThat(p.base()).isEqualTo(new TierPrices(1_250_000, 10_000_000, ABSENT, ABSENT, 125_000));
  }

  @Test
  void litellmSonnet4CostDerivesTheMissingOneHourPrice() {
    CostCalculator calc = new CostCalculator(LiteLlmPriceFile.load(litellmFile), CostCalculator.DEFAULT_FALLBACK);
    // in 1,000 × $3/M = 3,000µ; out 2,000 × $15/M = 30,000µ; 5m 5,000 × $3.75/M = 18,750µ;
    // 1h 3,000 × (2 × $3/M) = 18,000µ; read 40,000 × $0.30/M = 12,000µ.
    Cost c = calc.cost("claude-sonnet-4-20250514", new TokenUsage(1_000, 2_000, 5_000, 3_000, 40_000), false);
    assertThat(c).isEqualTo(new Cost(3_000, 30_000, 18_750, 18_000, 12_000, 81_750, false, false));
  }

  @Test
  void mirrorHas218EntriesOfWhich215HaveChatPrices() throws Exception {
    assertThat(new ObjectMapper().readTree(mirrorFile.toFile()).size()).isEqualTo(218);
    assertThat(LiteLlmPriceFile.load(mirrorFile).size()).isEqualTo(215);
  }

  @Test
  void mirrorOpus45HasOneHourCachePrice() {
    ModelPrice p = LiteLlmPriceFile.load(mirrorFile).find("claude-opus-4-5-20251101").orElseThrow();
    // in 5e-6, out 2.5e-5, write5m 6.25e-6, write1h 1e-5, read 5e-7.
    assertThat(p.base()).isEqualTo(new TierPrices(5_000_000, 25_000_000, 6_250_000, 10_000_000, 500_000));
    assertThat(p.hasLongContextTier()).isFalse();
  }

  @Test
  void mirrorSonnet4HasTheLongContextTier() {
    ModelPrice p = LiteLlmPriceFile.load(mirrorFile).find("claude-sonnet-4-20250514").orElseThrow();
    // 200K tier: in 6e-6, out 2.25e-5, write 7.5e-6, read 6e-7; no 1-hour tier price.
    assertThat(p.above200k()).isEqualTo(new TierPrices(6_000_000, 22_500_000, 7_500_000, ABSENT, 600_000));
  }

  @Test
  void mirrorGpt5Prices() {
    ModelPrice p = LiteLlmPriceFile.load(mirrorFile).find("gpt-5").orElseThrow();
    assertThat(p.provider()).isEqualTo("openai");
    assertThat(p.base()).isEqualTo(new TierPrices(1_250_000, 10_000_000, ABSENT, ABSENT, 125_000));
  }

  @Test
  void mirrorOpus45CostWithBothCacheWritesAndReads() {
    CostCalculator calc = new CostCalculator(LiteLlmPriceFile.load(mirrorFile), CostCalculator.DEFAULT_FALLBACK);
    // in 3,210 × $5/M = 16,050µ; out 1,234 × $25/M = 30,850µ; 5m 4,567 × $6.25/M = 28,543.75µ;
    // 1h 8,901 × $10/M = 89,010µ; read 123,456 × $0.50/M = 61,728µ. Exact 226,181.75µ → 226,182µ.
    Cost c = calc.cost("claude-opus-4-5-20251101", new TokenUsage(3_210, 1_234, 4_567, 8_901, 123_456), false);
    assertThat(c).isEqualTo(new Cost(16_050, 30_850, 28_544, 89_010, 61_728, 226_182, false, false));
  }

  @Test
  void mirrorSonnet4LongContextCost() {
    CostCalculator calc = new CostCalculator(LiteLlmPriceFile.load(mirrorFile), CostCalculator.DEFAULT_FALLBACK);
    // Prompt 150,000 + 30,000 + 10,000 + 20,000 = 210,000 > 200,000 → tier.
    // in 150,000 × $6/M = 900,000µ; out 4,000 × $22.50/M = 90,000µ; 5m 30,000 × $7.50/M = 225,000µ;
    // 1h 10,000 × (2 × $6/M) = 120,000µ; read 20,000 × $0.60/M = 12,000µ.
    Cost c = calc.cost("claude-sonnet-4-20250514[1m]", new TokenUsage(150_000, 4_000, 30_000, 10_000, 20_000), true);
    assertThat(c).isEqualTo(new Cost(900_000, 90_000, 225_000, 120_000, 12_000, 1_347_000, false, true));
  }
}
