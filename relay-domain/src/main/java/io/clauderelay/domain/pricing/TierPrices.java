package io.clauderelay.domain.pricing;

import java.math.BigDecimal;

/**
 * The five per-token prices of one price tier, in integer pico-dollars (1e-12 USD) per token.
 *
 * <p>A price the catalog does not give is {@link #ABSENT} (-1), never 0: zero is a real price (free
 * cache reads exist) while an absent one is resolved by {@link CostCalculator}'s fallback rules.
 */
public record TierPrices(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead) {

  /** Marks a price the catalog does not give. */
  public static final long ABSENT = -1L;

  /** A tier with no price at all, e.g. the long-context tier of a model that has none. */
  public static final TierPrices NONE = new TierPrices(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT);

  public TierPrices {
    check(input, "input");
    check(output, "output");
    check(cacheWrite5m, "cacheWrite5m");
    check(cacheWrite1h, "cacheWrite1h");
    check(cacheRead, "cacheRead");
  }

  /** Builds a tier from dollars per token; a {@code null} price is absent. */
  public static TierPrices ofDollarsPerToken(
      BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal cacheRead) {
    return new TierPrices(picos(input), picos(output), picos(cacheWrite5m), picos(cacheWrite1h), picos(cacheRead));
  }

  /** True when at least one price of this tier is given. */
  public boolean hasAny() {
    return input != ABSENT || output != ABSENT || cacheWrite5m != ABSENT || cacheWrite1h != ABSENT
        || cacheRead != ABSENT;
  }

  public static boolean isPresent(long picos) {
    return picos != ABSENT;
  }

  static long picos(BigDecimal dollarsPerToken) {
    return dollarsPerToken == null ? ABSENT : Money.picosFromDollars(dollarsPerToken);
  }

  private static void check(long picos, String name) {
    if (picos < ABSENT) throw new IllegalArgumentException(name + " price must be >= 0 or ABSENT: " + picos);
  }
}
