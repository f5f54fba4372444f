package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitResetTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void anthropicUnifiedResetIsUnixSeconds() {
    long at = NOW.getEpochSecond() + 3600;
    assertThat(RateLimitReset.parse(Map.of("anthropic-ratelimit-unified-reset", Long.toString(at)), NOW))
        .contains(NOW.plusSeconds(3600));
  }

  @Test
  void retryAfterMayBeDeltaSeconds() {
    assertThat(RateLimitReset.parse(Map.of("retry-after", "30"), NOW)).contains(NOW.plusSeconds(30));
  }

  @Test
  void retryAfterMayBeAnHttpDate() {
    assertThat(RateLimitReset.parse(Map.of("retry-after", "Sun, 01 Jun 2025 12:05:00 GMT"), NOW))
        .contains(Instant.parse("2025-06-01T12:05:00Z"));
  }

  @Test
  void anthropicPerLimitResetsAreRfc3339AndTheLatestWins() {
    Map<String, String> h = Map.of(
        "anthropic-ratelimit-requests-reset", "2025-06-01T12:00:10Z",
        "anthropic-ratelimit-tokens-reset", "2025-06-01T14:01:00+02:00");
    assertThat(RateLimitReset.parse(h, NOW)).contains(Instant.parse("2025-06-01T12:01:00Z"));
  }

  @ParameterizedTest
  @CsvSource({"1s, 1000", "6m0s, 360000", "250ms, 250", "1h2m3.5s, 3723500", "0.5s, 500"})
  void openAiResetsAreGoDurations(String value, long millis) {
    assertThat(RateLimitReset.parse(Map.of("x-ratelimit-reset-requests", value), NOW))
        .contains(NOW.plusMillis(millis));
  }

  @Test
  void openAiTokenAndRequestResetsTakeTheLater() {
    Map<String, String> h = Map.of("x-ratelimit-reset-requests", "2s", "x-ratelimit-reset-tokens", "1m");
    assertThat(RateLimitReset.parse(h, NOW)).contains(NOW.plusSeconds(60));
  }

  @Test
  void retryAfterWinsOverTheOtherHeaders() {
    Map<String, String> h = Map.of(
        "retry-after", "5",
        "anthropic-ratelimit-unified-reset", Long.toString(NOW.getEpochSecond() + 900),
        "anthropic-ratelimit-tokens-reset", "2025-06-01T13:00:00Z");
    assertThat(RateLimitReset.parse(h, NOW)).contains(NOW.plusSeconds(5));
  }

  @Test
  void theUnifiedResetWinsOverPerLimitResets() {
    Map<String, String> h = Map.of(
        "anthropic-ratelimit-unified-reset", Long.toString(NOW.getEpochSecond() + 900),
        "anthropic-ratelimit-tokens-reset", "2025-06-01T13:00:00Z");
    assertThat(RateLimitReset.parse(h, NOW)).contains(NOW.plusSeconds(900));
  }

  @Test
  void aPastOrZeroRetryAfterGivesWayToTheNextHeader() {
    Map<String, String> h = Map.of("retry-after", "0", "x-ratelimit-reset-tokens", "20s");
    assertThat(RateLimitReset.parse(h, NOW)).contains(NOW.plusSeconds(20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "1x", "", "12abc", "99999999999999999999"})
  void garbageIsIgnored(String value) {
    Map<String, String> h = Map.of(
        "retry-after", value, "anthropic-ratelimit-unified-reset", value,
        "anthropic-ratelimit-requests-reset", value, "x-ratelimit-reset-requests", value);
    assertThat(RateLimitReset.parse(h, NOW)).isEmpty();
  }

  @Test
  void noHeadersNoReset() {
    assertThat(RateLimitReset.parse(Map.of(), NOW)).isEmpty();
    assertThat(RateLimitReset.parse(null, NOW)).isEmpty();
  }

  @Test
  void absurdDurationsAreRefused() {
    assertThat(RateLimitReset.goDuration("999999999999h")).isEmpty();
    assertThat(RateLimitReset.goDuration("1h30m")).contains(Duration.ofMinutes(90));
  }
}
