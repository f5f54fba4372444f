package io.clauderelay.server.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.pricing.MapPriceCatalog;
import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a LiteLLM-schema price file ({@code model_prices_and_context_window.json}, or our own
 * {@code data/model_pricing.json}) into a {@link PriceCatalog}.
 *
 * <p>Numbers are read as exact decimals, never through {@code double}. Unknown fields are ignored.
 * An entry is kept when it has numeric, non-negative {@code input_cost_per_token} and {@code
 * output_cost_per_token}; {@code sample_spec} and entries without both prices (most image, audio and
 * rerank models) are skipped. Embedding models priced with an output of 0 are kept: they are
 * harmless and cost what the file says. A malformed or negative optional price counts as absent.
 */
public final class LiteLlmPriceFile {
  /** Where the server finds its bundled catalog on the classpath. */
  public static final String BUNDLED_RESOURCE = "/data/model_pricing.json";

  private static final String SAMPLE_SPEC = "sample_spec";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private LiteLlmPriceFile() {}

  /** Parses a whole price file; throws {@link UncheckedIOException} when it is not a JSON object. */
  public static PriceCatalog parse(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable price file", e);
    }
    if (root == null || !root.isObject()) {
      throw new UncheckedIOException(new IOException("a price file must be a JSON object keyed by model id"));
    }
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (SAMPLE_SPEC.equals(e.getKey()) || !e.getValue().isObject()) continue;
      ModelPrice price = toPrice(e.getKey(), e.getValue());
      if (price != null) prices.put(e.getKey(), price);
    }
    return new MapPriceCatalog(prices);
  }

  public static PriceCatalog load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price file " + file, e);
    }
  }

  /** The catalog packaged with the server ({@value #BUNDLED_RESOURCE}). */
  public static PriceCatalog bundled() {
    try (InputStream in = LiteLlmPriceFile.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing classpath resource " + BUNDLED_RESOURCE);
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
    }
  }

  private static ModelPrice toPrice(String model, JsonNode entry) {
    BigDecimal input = price(entry, "input_cost_per_token");
    BigDecimal output = price(entry, "output_cost_per_token");
    if (input == null || output == null) return null;
    return ModelPrice.builder(model)
        .provider(entry.path("litellm_provider").asText(""))
        .input(input)
        .output(output)
        .cacheWrite5m(price(entry, "cache_creation_input_token_cost"))
        .cacheWrite1h(price(entry, "cache_creation_input_token_cost_above_1hr"))
        .cacheRead(price(entry, "cache_read_input_token_cost"))
        .inputAbove200k(price(entry, "input_cost_per_token_above_200k_tokens"))
        .outputAbove200k(price(entry, "output_cost_per_token_above_200k_tokens"))
        .cacheWrite5mAbove200k(price(entry, "cache_creation_input_token_cost_above_200k_tokens"))
        .cacheWrite1hAbove200k(price(entry, "cache_creation_input_token_cost_above_1hr_above_200k_tokens"))
        .cacheReadAbove200k(price(entry, "cache_read_input_token_cost_above_200k_tokens"))
        .maxOutputTokens(maxOutputTokens(entry))
        .build();
  }

  private static BigDecimal price(JsonNode entry, String field) {
    JsonNode n = entry.get(field);
    if (n == null || !n.isNumber()) return null;
    BigDecimal v = n.decimalValue();
    return v.signum() < 0 ? null : v;
  }

  /** {@code max_output_tokens}, else the legacy {@code max_tokens}; 0 when neither is a number. */
  private static long maxOutputTokens(JsonNode entry) {
    for (String field : new String[]{"max_output_tokens", "max_tokens"}) {
      JsonNode n = entry.get(field);
      if (n != null && n.isIntegralNumber() && n.longValue() > 0) return n.longValue();
    }
    return 0;
  }
}
