package io.clauderelay.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.pricing.TierPrices;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog and model list the server ships as classpath resources (from the repo's data/). */
class BundledPricingTest {

  private static JsonNode supportedModels() throws Exception {
    try (InputStream in = BundledPricingTest.class.getResourceAsStream("/data/supported_models.json")) {
      assertThat(in).as("classpath /data/supported_models.json").isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<String> listedModels() throws Exception {
    List<String> models = new ArrayList<>();
    supportedModels().forEach(service -> service.path("models").forEach(m -> models.add(m.asText())));
    return models;
  }

  @Test
  void bundledCatalogParses() {
    PriceCatalog c = LiteLlmPriceFile.bundled();
    assertThat(c.size()).isGreaterThanOrEqualTo(40);
    assertThat(c.find("claude-sonnet-4-5-20250929")).isPresent();
  }

  @Test
  void supportedModelsHasTheHistoricalShape() throws Exception {
    JsonNode root = supportedModels();
    assertThat(root.path("claude").path("provider").asText()).isEqualTo("anthropic");
    assertThat(root.path("openai").path("provider").asText()).isEqualTo("openai");
    assertThat(root.path("gemini").path("provider").asText()).isEqualTo("google");
    for (String service : List.of("claude", "openai", "gemini")) {
      assertThat(root.path(service).path("description").asText()).isNotBlank();
      assertThat(root.path(service).path("models").size()).isPositive();
    }
    assertThat(listedModels()).contains("claude-opus-4-5-20251101", "claude-3-5-haiku-20241022", "gpt-5",
        "gpt-4o-mini", "o4-mini", "gemini-2.5-pro", "gemini-3-pro-preview");
  }

  @Test
  void everyListedModelHasItsOwnCatalogEntry() throws Exception {
    Map<String, ModelPrice> entries = LiteLlmPriceFile.bundled().entries();
    assertThat(entries.keySet()).containsAll(listedModels());
  }

  @Test
  void everyClaudeEntryHasAOneHourCacheWritePriceOfTwiceTheInput() {
    LiteLlmPriceFile.bundled().entries().values().stream().filter(ModelPrice::isClaude).forEach(p -> {
      assertThat(p.base().cacheWrite1h()).as(p.model()).isEqualTo(2 * p.base().input());
      assertThat(p.base().cacheWrite5m()).as(p.model()).isEqualTo(p.base().input() * 5 / 4);
      assertThat(p.base().cacheRead()).as(p.model()).isEqualTo(p.base().input() / 10);
    });
  }

  @Test
  void claude35HaikuComesFromLiteLlmWithItsPublishedOneHourPrice() {
    ModelPrice p = LiteLlmPriceFile.bundled().find("claude-3-5-haiku-20241022").orElseThrow();
    // $0.80 in, $4 out, $1 5m write, $1.60 1h write, $0.08 read per million.
    assertThat(p.base()).isEqualTo(new TierPrices(800_000, 4_000_000, 1_000_000, 1_600_000, 80_000));
  }

  @Test
  void pricesEqualTheMirrorsForEveryEntryTheMirrorHas() {
    PriceCatalog mirror = LiteLlmPriceFile.load(SharedFixtures.require(SharedFixtures.MIRROR));
    Map<String, ModelPrice> bundled = LiteLlmPriceFile.bundled().entries();
    int compared = 0;
    for (ModelPrice ours : bundled.values()) {
      ModelPrice theirs = mirror.entries().get(ours.model());
      if (theirs == null) continue;
      compared++;
      assertThat(ours.provider()).as(ours.model()).isEqualTo(theirs.provider());
      assertThat(ours.base()).as(ours.model()).isEqualTo(theirs.base());
      assertThat(ours.maxOutputTokens()).as(ours.model()).isEqualTo(theirs.maxOutputTokens());
      // Tier cache-write prices without a base one (Gemini) are deliberately left out of ours.
      assertThat(ours.above200k().input()).as(ours.model()).isEqualTo(theirs.above200k().input());
      assertThat(ours.above200k().output()).as(ours.model()).isEqualTo(theirs.above200k().output());
      assertThat(ours.above200k().cacheRead()).as(ours.model()).isEqualTo(theirs.above200k().cacheRead());
    }
    assertThat(compared).isEqualTo(bundled.size() - 1); // all but claude-3-5-haiku-20241022
  }

  @Test
  void aFewBundledPricesByHand() {
    PriceCatalog c = LiteLlmPriceFile.bundled();
    assertThat(c.find("claude-opus-4-5").orElseThrow().base())
        .isEqualTo(new TierPrices(5_000_000, 25_000_000, 6_250_000, 10_000_000, 500_000));
    assertThat(c.find("claude-sonnet-4-5-20250929").orElseThrow().above200k())
        .isEqualTo(new TierPrices(6_000_000, 22_500_000, 7_500_000, 12_000_000, 600_000));
    assertThat(c.find("gpt-5").orElseThrow().base())
        .isEqualTo(new TierPrices(1_250_000, 10_000_000, TierPrices.ABSENT, TierPrices.ABSENT, 125_000));
    assertThat(c.find("gemini-2.5-pro").orElseThrow().above200k())
        .isEqualTo(new TierPrices(2_500_000, 15_000_000, TierPrices.ABSENT, TierPrices.ABSENT, 250_000));
  }
}
