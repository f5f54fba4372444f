package io.clauderelay.domain.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions between integer micro-dollars and decimal dollars; money is never a double. */
public final class Money {
  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

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
}
