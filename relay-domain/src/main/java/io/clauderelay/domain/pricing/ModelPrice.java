package io.clauderelay.domain.pricing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The price of one model as a LiteLLM-schema catalog gives it: the base tier, the tier for prompts
 * above 200k tokens ({@code *_above_200k_tokens}, {@link TierPrices#NONE} when the model has none),
 * the LiteLLM provider and the maximum output tokens (0 when unknown).
 *
 * <p>Prices are integer pico-dollars per token so that e.g. $3.75 per million ({@code 3.75e-6}) is
 * exactly 3,750,000 picos. The base input and output prices are always present.
 */
public record ModelPrice(String model, String provider, TierPrices base, TierPrices above200k, long maxOutputTokens) {

  public ModelPrice {
    Objects.requireNonNull(model, "model");
    provider = provider == null ? "" : provider;
    Objects.requireNonNull(base, "base");
    above200k = above200k == null ? TierPrices.NONE : above200k;
    if (!TierPrices.isPresent(base.input()) || !TierPrices.isPresent(base.output())) {
      throw new IllegalArgumentException("model " + model + " needs an input and an output price");
    }
    if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens must not be negative");
  }

  /** A model priced only by input and output, in dollars per token (cache prices absent). */
  public static ModelPrice ofDollarsPerToken(String model, String provider, BigDecimal input, BigDecimal output) {
    return builder(model).provider(provider).input(input).output(output).build();
  }

  public static Builder builder(String model) {
    return new Builder(model);
  }

  /**
   * Claude models get Anthropic's cache multipliers when a cache price is missing: a model counts as
   * Claude when its provider is {@code anthropic} or its name mentions {@code claude} (Bedrock and
   * Vertex ids such as {@code anthropic.claude-...} carry other providers).
   */
  public boolean isClaude() {
    return provider.toLowerCase(Locale.ROOT).contains("anthropic") || model.toLowerCase(Locale.ROOT).contains("claude");
  }

  public boolean hasLongContextTier() {
    return above200k.hasAny();
  }

  /** Assembles a {@link ModelPrice} from dollars-per-token prices; unset prices stay absent. */
  public static final class Builder {
    private final String model;
    private String provider = "";
    private BigDecimal input, output, cacheWrite5m, cacheWrite1h, cacheRead;
    private BigDecimal inputAbove200k, outputAbove200k, cacheWrite5mAbove200k, cacheWrite1hAbove200k,
        cacheReadAbove200k;
    private long maxOutputTokens;

    private Builder(String model) {
      this.model = model;
    }

    public Builder provider(String v) {
      provider = v;
      return this;
    }
    public Builder input(BigDecimal v) {
      input = v;
      return this;
    }
    public Builder output(BigDecimal v) {
      output = v;
      return this;
    }
    public Builder cacheWrite5m(BigDecimal v) {
      cacheWrite5m = v;
      return this;
    }
    public Builder cacheWrite1h(BigDecimal v) {
      cacheWrite1h = v;
      return this;
    }
    public Builder cacheRead(BigDecimal v) {
      cacheRead = v;
      return this;
    }
    public Builder inputAbove200k(BigDecimal v) {
      inputAbove200k = v;
      return this;
    }
    public Builder outputAbove200k(BigDecimal v) {
      outputAbove200k = v;
      return this;
    }
    public Builder cacheWrite5mAbove200k(BigDecimal v) {
      cacheWrite5mAbove200k = v;
      return this;
    }
    public Builder cacheWrite1hAbove200k(BigDecimal v) {
      cacheWrite1hAbove200k = v;
      return this;
    }
    public Builder cacheReadAbove200k(BigDecimal v) {
      cacheReadAbove200k = v;
      return this;
    }
    public Builder maxOutputTokens(long v) {
      maxOutputTokens = v;
      return this;
    }

    // String overloads keep hand-written prices ("3.75e-6") readable in tests and defaults.
    public Builder input(String v) {
      return input(dec(v));
    }
    public Builder output(String v) {
      return output(dec(v));
    }
    public Builder cacheWrite5m(String v) {
      return cacheWrite5m(dec(v));
    }
    public Builder cacheWrite1h(String v) {
      return cacheWrite1h(dec(v));
    }
    public Builder cacheRead(String v) {
      return cacheRead(dec(v));
    }
    public Builder inputAbove200k(String v) {
      return inputAbove200k(dec(v));
    }
    public Builder outputAbove200k(String v) {
      return outputAbove200k(dec(v));
    }
    public Builder cacheWrite5mAbove200k(String v) {
      return cacheWrite5mAbove200k(dec(v));
    }
    public Builder cacheWrite1hAbove200k(String v) {
      return cacheWrite1hAbove200k(dec(v));
    }
    public Builder cacheReadAbove200k(String v) {
      return cacheReadAbove200k(dec(v));
    }

    public ModelPrice build() {
      return new ModelPrice(model, provider,
          TierPrices.ofDollarsPerToken(input, output, cacheWrite5m, cacheWrite1h, cacheRead),
          TierPrices.ofDollarsPerToken(inputAbove200k, outputAbove200k, cacheWrite5mAbove200k, cacheWrite1hAbove200k,
              cacheReadAbove200k),
          maxOutputTokens);
    }

    private static BigDecimal dec(String v) {
      return v == null ? null : new BigDecimal(v.trim());
    }
  }
}
