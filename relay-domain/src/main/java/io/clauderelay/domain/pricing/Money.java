package io.clauderelay.domain.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions between integer micro-dollars and decimal dollars; money is never a double. */
public final class Money {
  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal PICOS = BigDecimal.valueOf(1_000_000_000_000L);
  private static final long PICOS_PER_MICRO = 1_000_000L;

  private Money() {}

  /** Dollars (as a decimal string or number) to micro-dollars, rounded half-up. */
  public static long fromDollars(BigDecimal dollars) {
    return dollars.multiply(MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  public static long fromDollars(String dollars) {
    return fromDollars(new BigDecimal(dollars.trim()));
  }

  public static BigDecimal toDollars(long micros) {
    BigDecimal d = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /** A plain dollar amount without exponent, e.g. "1.5" or "0.000375". */
  public static String format(long micros) {
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
  }

  /** Real cost times a multiplier, rounded half-up to whole micro-dollars. */
  public static long rated(long realMicros, BigDecimal multiplier) {
    if (multiplier.compareTo(BigDecimal.ONE) == 0) return realMicros;
    return BigDecimal.valueOf(realMicros).multiply(multiplier).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /**
   * A per-token price in dollars to integer pico-dollars (1e-12 USD), rounded half-up. Published
   * prices are exact in picos; a few historical LiteLLM entries (e.g. 4.6875e-9) are finer and
   * round by at most half a pico per token.
   */
  public static long picosFromDollars(BigDecimal dollars) {
    return dollars.multiply(PICOS).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** Pico-dollars back to dollars, e.g. 3_750_000 to 0.00000375. */
  public static BigDecimal picosToDollars(long picos) {
    return BigDecimal.valueOf(picos, 12).stripTrailingZeros();
  }

  /** Non-negative pico-dollars to micro-dollars, rounded half-up. */
  public static long microsFromPicos(long picos) {
    if (picos < 0) throw new IllegalArgumentException("picos must not be negative: " + picos);
    return picos / PICOS_PER_MICRO + (picos % PICOS_PER_MICRO >= PICOS_PER_MICRO / 2 ? 1 : 0);
  }
}
