package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CooldownPolicyTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  final CooldownPolicy policy = CooldownPolicy.DEFAULTS;

  @ParameterizedTest
  @CsvSource({
      "401, AUTH", "403, AUTH", "429, RATE_LIMITED", "500, SERVER_ERROR", "502, SERVER_ERROR",
      "503, SERVICE_UNAVAILABLE", "504, TIMEOUT", "529, OVERLOADED", "599, SERVER_ERROR"})
  void upstreamFaultsAreClassifiedAndFailOver(int status, UpstreamFailureClass expected) {
    assertThat(UpstreamFailureClass.ofStatus(status)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 204, 301, 400, 402, 404, 413, 422, 600})
  void theClientsOwnFaultsNeitherCoolDownNorFailOver(int status) {
    assertThat(UpstreamFailureClass.ofStatus(status)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "SERVICE_UNAVAILABLE, 60", "SERVER_ERROR, 300", "OVERLOADED, 600", "AUTH, 1800", "TIMEOUT, 300",
      "UNREACHABLE, 300", "RATE_LIMITED, 300"})
  void defaultsFollowTheSpec(UpstreamFailureClass c, long seconds) {
    assertThat(policy.cooldown(c, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aRateLimitCoolsDownUntilTheUpstreamReset() {
    assertThat(policy.cooldown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.plusSeconds(42)), NOW))
        .isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void anUpstreamResetIsCappedAtMaxCustom() {
    assertThat(policy.cooldown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.plusSeconds(5 * 3600)), NOW))
        .isEqualTo(Duration.ofSeconds(1800));
  }

  @Test
  void aResetAlreadyPastFallsBackToTheDefaultAndASubSecondOneLastsOneSecond() {
    assertThat(policy.cooldown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.minusSeconds(5)), NOW))
        .isEqualTo(Duration.ofSeconds(300));
    assertThat(policy.cooldown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.plusMillis(200)), NOW))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void onlyRateLimitsLookAtTheUpstreamReset() {
    assertThat(policy.cooldown(UpstreamFailureClass.OVERLOADED, Optional.of(NOW.plusSeconds(5)), NOW))
        .isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void durationsAreConfigurable() {
    CooldownPolicy custom = new CooldownPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(10));
    assertThat(custom.cooldown(UpstreamFailureClass.SERVICE_UNAVAILABLE, Optional.empty(), NOW))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(custom.cooldown(UpstreamFailureClass.AUTH, Optional.empty(), NOW)).isZero();
    assertThat(custom.cooldown(UpstreamFailureClass.UNREACHABLE, Optional.empty(), NOW))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(custom.cooldown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.plusSeconds(60)), NOW))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void negativeDurationsAreRejected() {
    assertThatThrownBy(() -> new CooldownPolicy(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
