package io.clauderelay.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.pricing.TierPrices;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteLlmPriceFileTest {

  private static PriceCatalog parse(String json) {
    return LiteLlmPriceFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsEveryPriceFieldWeUseExactly() {
    PriceCatalog c = parse("""
        {"claude-sonnet-4-5": {
          "litellm_provider": "anthropic", "mode": "chat", "max_tokens": 64000, "max_output_tokens": 64000,
          "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
          "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
          "cache_read_input_token_cost": 3e-07,
          "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
          "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
          "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
          "cache_read_input_token_cost_above_200k_tokens": 6e-07,
          "supports_vision": true, "search_context_cost_per_query": {"search_context_size_low": 0.01},
          "some_future_field": [1, 2, 3]
        }}
        """);

    ModelPrice p = c.find("claude-sonnet-4-5").orElseThrow();
    assertThat(p.provider()).isEqualTo("anthropic");
    assertThat(p.maxOutputTokens()).isEqualTo(64_000);
    assertThat(p.base()).isEqualTo(new TierPrices(3_000_000, 15_000_000, 3_750_000, 6_000_000, 300_000));
    assertThat(p.above200k()).isEqualTo(new TierPrices(6_000_000, 22_500_000, 7_500_000, 12_000_000, 600_000));
  }

  @Test
  void decimalsThatAreInexactAsDoublesStayExact() {
    // 1.1e-6 and 2.75e-7 have no exact double; 4.4e-6 × 1e12 must be 4,400,000, not 4,399,999.
    PriceCatalog c = parse("""
        {"o4-mini": {"input_cost_per_token": 1.1e-06, "output_cost_per_token": 4.4e-06,
                     "cache_read_input_token_cost": 2.75e-07}}
        """);
    assertThat(c.find("o4-mini").orElseThrow().base())
        .isEqualTo(new TierPrices(1_100_000, 4_400_000, TierPrices.ABSENT, TierPrices.ABSENT, 275_000));
  }

  @Test
  void skipsSampleSpecAndEntriesWithoutBothChatPrices() {
    PriceCatalog c = parse("""
        {"sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0, "max_tokens": "LEGACY"},
         "gpt-image-1": {"input_cost_per_token": 5e-06, "mode": "image_generation"},
         "whisper": {"output_cost_per_second": 0.0001},
         "textual": {"input_cost_per_token": "3e-06", "output_cost_per_token": 1e-05},
         "not-an-object": 42,
         "embed": {"input_cost_per_token": 1.5e-07, "output_cost_per_token": 0, "mode": "embedding"},
         "gpt-5": {"input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05}}
        """);
    assertThat(c.entries().keySet()).containsExactly("embed", "gpt-5");
    assertThat(c.find("embed").orElseThrow().base().output()).isZero();
  }

  @Test
  void malformedOrNegativeOptionalPricesCountAsAbsent() {
    PriceCatalog c = parse("""
        {"m": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
               "cache_read_input_token_cost": "cheap", "cache_creation_input_token_cost": -1}}
        """);
    TierPrices base = c.find("m").orElseThrow().base();
    assertThat(base.cacheRead()).isEqualTo(TierPrices.ABSENT);
    assertThat(base.cacheWrite5m()).isEqualTo(TierPrices.ABSENT);
  }

  @Test
  void maxOutputFallsBackToLegacyMaxTokensThenZero() {
    PriceCatalog c = parse("""
        {"a": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "max_tokens": 8192},
         "b": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}
        """);
    assertThat(c.find("a").orElseThrow().maxOutputTokens()).isEqualTo(8_192);
    assertThat(c.find("b").orElseThrow().maxOutputTokens()).isZero();
  }

  @Test
  void rejectsAFileThatIsNotAJsonObject() {
    assertThatThrownBy(() -> parse("[1, 2]")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> parse("{not json")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void loadsFromAPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, "{\"gpt-5\": {\"input_cost_per_token\": 1.25e-06, \"output_cost_per_token\": 1e-05}}");
    assertThat(LiteLlmPriceFile.load(file).size()).isEqualTo(1);
    assertThatThrownBy(() -> LiteLlmPriceFile.load(dir.resolve("missing.json")))
        .isInstanceOf(UncheckedIOException.class);
  }
}
