package io.clauderelay.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Micro-dollar conversions: exact parsing, half-up rounding, and output without exponents. */
class MoneyTest {

  @Test
  void oneMicroDollarParsesToOne() {
    assertThat(Money.fromDollars("0.000001")).isEqualTo(1);
    assertThat(Money.fromDollars("1e-6")).isEqualTo(1);
    assertThat(Money.fromDollars(" 2.5 ")).isEqualTo(2_500_000);
    assertThat(Money.fromDollars("0")).isZero();
    assertThat(Money.fromDollars(new BigDecimal("100"))).isEqualTo(100_000_000);
  }

  @Test
  void halfAMicroDollarRoundsUpAndJustUnderHalfRoundsDown() {
    assertThat(Money.fromDollars("0.0000005")).isEqualTo(1);
    assertThat(Money.fromDollars("0.00000049999")).isZero();
    assertThat(Money.fromDollars("0.0000015")).isEqualTo(2);
    assertThat(Money.fromDollars("1.0000025")).isEqualTo(1_000_003);
  }

  @Test
  void unparseableOrOverflowingAmountsAreRefused() {
    assertThatThrownBy(() -> Money.fromDollars("ten")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Money.fromDollars("1e20")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void toDollarsDropsTrailingZerosButNeverUsesExponentNotation() {
    assertThat(Money.toDollars(10_000_000).toString()).isEqualTo("10");
    assertThat(Money.toDollars(1_500_000).toString()).isEqualTo("1.5");
    assertThat(Money.toDollars(1).toString()).isEqualTo("0.000001");
    assertThat(Money.toDollars(100).toString()).isEqualTo("0.0001");
    assertThat(Money.toDollars(0).toString()).isEqualTo("0");
    assertThat(Money.toDollars(1_000_000_000_000L).toString()).isEqualTo("1000000");
    assertThat(Money.toDollars(-2_000_000).toString()).isEqualTo("-2");
  }

  @Test
  void toDollarsKeepsEveryMicro() {
    assertThat(Money.toDollars(123_456_789)).isEqualByComparingTo("123.456789");
    assertThat(Money.fromDollars(Money.toDollars(123_456_789))).isEqualTo(123_456_789);
  }

  @Test
  void formatIsThePlainDollarString() {
    assertThat(Money.format(10_000_000)).isEqualTo("10");
    assertThat(Money.format(1_500_000)).isEqualTo("1.5");
    assertThat(Money.format(375)).isEqualTo("0.000375");
    assertThat(Money.format(1)).isEqualTo("0.000001");
    assertThat(Money.format(0)).isEqualTo("0");
    assertThat(Money.format(50_000_000_000L)).isEqualTo("50000");
  }

  @Test
  void ratedByOneIsUnchanged() {
    assertThat(Money.rated(12_345, BigDecimal.ONE)).isEqualTo(12_345);
    assertThat(Money.rated(12_345, new BigDecimal("1.000"))).isEqualTo(12_345);
  }

  @Test
  void ratedByOneAndAHalfRoundsHalfUp() {
    assertThat(Money.rated(1_000_000, new BigDecimal("1.5"))).isEqualTo(1_500_000);
    assertThat(Money.rated(3, new BigDecimal("1.5"))).isEqualTo(5);
    assertThat(Money.rated(1, new BigDecimal("1.5"))).isEqualTo(2);
  }

  @Test
  void ratedByAThirdRoundsToTheNearestMicro() {
    assertThat(Money.rated(1_000, new BigDecimal("0.333"))).isEqualTo(333);
    assertThat(Money.rated(2, new BigDecimal("0.333"))).isEqualTo(1);
    assertThat(Money.rated(1, new BigDecimal("0.333"))).isZero();
    assertThat(Money.rated(1_500, new BigDecimal("0.333"))).isEqualTo(500);
  }

  @Test
  void ratedByZeroIsFree() {
    assertThat(Money.rated(987_654, BigDecimal.ZERO)).isZero();
  }
}
