package io.clauderelay.domain.pricing;

import io.clauderelay.domain.usage.TokenUsage;
import java.util.Locale;
import java.util.Objects;

/**
 * Computes the real cost of one request from its token usage and the price catalog (SPEC §8).
 *
 * <p>Each part (input, output, 5-minute and 1-hour cache writes, cache reads) is tokens times a
 * per-token price in pico-dollars, exact in {@code long} arithmetic (overflow throws). The total is
 * the exact sum rounded half-up to micro-dollars; the parts are apportioned so that they always add
 * up to the total (each is its exact value rounded down or up to a whole micro-dollar, the round-ups
 * going to the parts with the largest remainders).
 *
 * <p>Price resolution for a part the catalog leaves absent:
 *
 * <ul>
 *   <li>Claude models (see {@link ModelPrice#isClaude()}, or a requested name mentioning claude):
 *       5-minute write = 1.25 × input, 1-hour write = 2 × input, cache read = 0.1 × input, rounded
 *       half-up to whole picos (Anthropic's published multipliers);
 *   <li>other models: cache writes and cache reads cost the input price, except that a missing
 *       1-hour write costs the 5-minute write price when that one is given.
 * </ul>
 *
 * <p>Long-context tier: when the prompt (input + cache writes + cache reads) is above 200,000 tokens
 * and the model has {@code *_above_200k_tokens} prices, each part uses its tier price when there is
 * one. A part without a tier price keeps its base price, except a Claude cache price, which is
 * derived from the tier input price (Anthropic's cache multipliers apply to the long-context input
 * price). Exactly 200,000 prompt tokens is still the base tier.
 *
 * <p>Unknown models are priced with the configured fallback price and the cost says so.
 */
public final class CostCalculator {
  /** The prompt size above which the {@code *_above_200k_tokens} tier applies. */
  public static final long LONG_CONTEXT_THRESHOLD = 200_000;

  /**
   * The original's price for unknown models: billed like Sonnet ($3 in, $15 out, $3.75 5-minute
   * write, $6 1-hour write, $0.30 cache read per million tokens).
   */
  public static final ModelPrice DEFAULT_FALLBACK = ModelPrice.builder("unknown")
      .input("3e-6").output("1.5e-5").cacheWrite5m("3.75e-6").cacheWrite1h("6e-6").cacheRead("3e-7")
      .build();

  private static final long PICOS_PER_MICRO = 1_000_000L;

  private final PriceCatalog catalog;
  private final ModelPrice fallback;

  public CostCalculator(PriceCatalog catalog, ModelPrice fallback) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * The cost of {@code usage} on {@code model}. {@code longContextRequested} (a {@code [1m]} model
   * name or the 1M-context beta) changes nothing by itself: the tier follows from the prompt size.
   */
  public Cost cost(String model, TokenUsage usage, boolean longContextRequested) {
    Objects.requireNonNull(usage, "usage");
    ModelPrice found = model == null ? null : catalog.find(model).orElse(null);
    ModelPrice price = found != null ? found : fallback;
    boolean claude = price.isClaude() || (model != null && model.toLowerCase(Locale.ROOT).contains("claude"));
    boolean longContext = usage.promptTokens() > LONG_CONTEXT_THRESHOLD && price.hasLongContextTier();
    Rates rates = Rates.resolve(price, claude, longContext);

    long[] picos = {
        Math.multiplyExact(usage.input(), rates.input()),
        Math.multiplyExact(usage.output(), rates.output()),
        Math.multiplyExact(usage.cacheWrite5m(), rates.cacheWrite5m()),
        Math.multiplyExact(usage.cacheWrite1h(), rates.cacheWrite1h()),
        Math.multiplyExact(usage.cacheRead(), rates.cacheRead())
    };
    long totalPicos = 0;
    for (long p : picos) totalPicos = Math.addExact(totalPicos, p);
    long totalMicros = Money.microsFromPicos(totalPicos);
    long[] micros = apportion(picos, totalMicros);
    return new Cost(micros[0], micros[1], micros[2], micros[3], micros[4], totalMicros, found == null, longContext);
  }

  /** Floors every part, then hands the micro-dollars the total still lacks to the largest remainders. */
  private static long[] apportion(long[] picos, long totalMicros) {
    long[] micros = new long[picos.length];
    long floorSum = 0;
    for (int i = 0; i < picos.length; i++) {
      micros[i] = picos[i] / PICOS_PER_MICRO;
      floorSum += micros[i];
    }
    boolean[] raised = new boolean[picos.length];
    for (long missing = totalMicros - floorSum; missing > 0; missing--) {
      int best = -1;
      for (int i = 0; i < picos.length; i++) {
        if (raised[i]) continue;
        if (best < 0 || picos[i] % PICOS_PER_MICRO > picos[best] % PICOS_PER_MICRO) best = i;
      }
      raised[best] = true;
      micros[best]++;
    }
    return micros;
  }

  /** The per-token prices in effect for one request, in pico-dollars, every one resolved. */
  record Rates(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead) {

    static Rates resolve(ModelPrice price, boolean claude, boolean longContext) {
      TierPrices base = price.base();
      TierPrices tier = longContext ? price.above200k() : TierPrices.NONE;
      // In the tier a Claude cache price derives from the tier input rather than reusing the base one.
      boolean baseCacheApplies = !(longContext && claude);

      long input = firstPresent(tier.input(), base.input());
      long output = firstPresent(tier.output(), base.output());
      long write5m = firstPresent(tier.cacheWrite5m(), baseCacheApplies ? base.cacheWrite5m() : TierPrices.ABSENT);
      if (write5m == TierPrices.ABSENT) write5m = claude ? times(input, 5, 4) : input;
      long write1h = firstPresent(tier.cacheWrite1h(), baseCacheApplies ? base.cacheWrite1h() : TierPrices.ABSENT);
      if (write1h == TierPrices.ABSENT) write1h = claude ? Math.multiplyExact(input, 2) : write5m;
      long read = firstPresent(tier.cacheRead(), baseCacheApplies ? base.cacheRead() : TierPrices.ABSENT);
      if (read == TierPrices.ABSENT) read = claude ? times(input, 1, 10) : input;
      return new Rates(input, output, write5m, write1h, read);
    }

    private static long firstPresent(long preferred, long otherwise) {
      return preferred != TierPrices.ABSENT ? preferred : otherwise;
    }

    /** {@code picos × num / den}, rounded half-up. */
    private static long times(long picos, long num, long den) {
      return (Math.multiplyExact(picos, num) * 2 + den) / (2 * den);
    }
  }
}
