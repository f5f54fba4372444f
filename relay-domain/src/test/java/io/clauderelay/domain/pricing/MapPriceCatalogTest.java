package io.clauderelay.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapPriceCatalogTest {

  private static ModelPrice price(String model, String input) {
    return ModelPrice.builder(model).input(input).output("1e-5").build();
  }

  private static MapPriceCatalog catalog(ModelPrice... prices) {
    Map<String, ModelPrice> map = new LinkedHashMap<>();
    for (ModelPrice p : prices) map.put(p.model(), p);
    return new MapPriceCatalog(map);
  }

  private final MapPriceCatalog catalog = catalog(
      price("claude-sonnet-4-5-20250929", "3e-6"),
      price("gpt-5", "1.25e-6"),
      price("gpt-5-mini", "2.5e-7"),
      price("gemini-2.5-pro", "1.25e-6"),
      price("gemini/gemini-2.0-flash", "1e-7"),
      price("anthropic.claude-3-7-sonnet-20250219-v1:0", "3e-6"));

  private String found(String name) {
    return catalog.find(name).map(ModelPrice::model).orElse(null);
  }

  @Test
  void exactIdIsFound() {
    assertThat(found("gpt-5")).isEqualTo("gpt-5");
    assertThat(catalog.size()).isEqualTo(6);
  }

  @Test
  void caseIsIgnoredWhenNoExactMatch() {
    assertThat(found("Claude-Sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(found("GPT-5")).isEqualTo("gpt-5");
  }

  @Test
  void exactIdWinsOverACaseVariant() {
    MapPriceCatalog both = catalog(price("Model-X", "1e-6"), price("model-x", "2e-6"));
    assertThat(both.find("Model-X").orElseThrow().base().input()).isEqualTo(1_000_000);
    assertThat(both.find("model-x").orElseThrow().base().input()).isEqualTo(2_000_000);
  }

  @Test
  void oneMillionContextSuffixIsStripped() {
    assertThat(found("claude-sonnet-4-5-20250929[1m]")).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(found("claude-sonnet-4-5-20250929[1M]")).isEqualTo("claude-sonnet-4-5-20250929");
  }

  @Test
  void aVertexModelIdIsPricedAsAnthropicsDatedId() {
    assertThat(found("claude-sonnet-4-5@20250929")).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(found("vertex-unknown@1")).isNull();
  }

  @Test
  void providerPrefixIsStripped() {
    assertThat(found("anthropic/claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(found("openai/gpt-5")).isEqualTo("gpt-5");
    assertThat(found("models/gemini-2.5-pro")).isEqualTo("gemini-2.5-pro");
  }

  @Test
  void providerPrefixIsAddedWhenTheCatalogOnlyHasThePrefixedId() {
    assertThat(found("gemini-2.0-flash")).isEqualTo("gemini/gemini-2.0-flash");
    assertThat(found("models/gemini-2.0-flash")).isEqualTo("gemini/gemini-2.0-flash");
  }

  @Test
  void bedrockRegionPrefixIsStripped() {
    assertThat(found("us.anthropic.claude-3-7-sonnet-20250219-v1:0"))
        .isEqualTo("anthropic.claude-3-7-sonnet-20250219-v1:0");
    assertThat(found("eu.anthropic.claude-3-7-sonnet-20250219-v1:0"))
        .isEqualTo("anthropic.claude-3-7-sonnet-20250219-v1:0");
    assertThat(found("apac.anthropic.claude-3-7-sonnet-20250219-v1:0"))
        .isEqualTo("anthropic.claude-3-7-sonnet-20250219-v1:0");
  }

  @Test
  void thereIsNoContainmentMatching() {
    assertThat(found("claude-sonnet-4-5")).isNull();
    assertThat(found("gpt-5-2025-08-07")).isNull();
    assertThat(found("gpt-5-mini-high")).isNull();
    assertThat(found("sonnet")).isNull();
  }

  @Test
  void missingOrBlankNamesFindNothing() {
    assertThat(catalog.find(null)).isEmpty();
    assertThat(catalog.find("  ")).isEmpty();
    assertThat(MapPriceCatalog.empty().find("gpt-5")).isEmpty();
    assertThat(MapPriceCatalog.empty().size()).isZero();
  }

  @Test
  void entriesAreUnmodifiable() {
    assertThat(catalog.entries()).containsKey("gpt-5").hasSize(6);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
