package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaudePlanTest {

  @Test
  void freeServesNoOpusButEverythingElse() {
    assertThat(ClaudePlan.FREE.serves("claude-opus-4-5-20251101")).isFalse();
    assertThat(ClaudePlan.FREE.serves("claude-3-opus-20240229")).isFalse();
    assertThat(ClaudePlan.FREE.serves("claude-sonnet-4-5-20250929")).isTrue();
    assertThat(ClaudePlan.FREE.serves("claude-haiku-4-5")).isTrue();
  }

  @Test
  void proServesOpusFromFourPointFiveOn() {
    assertThat(ClaudePlan.PRO.serves("claude-opus-4-5-20251101")).isTrue();
    assertThat(ClaudePlan.PRO.serves("claude-opus-4.6")).isTrue();
    assertThat(ClaudePlan.PRO.serves("claude-opus-5")).isTrue();
    assertThat(ClaudePlan.PRO.serves("opus")).isTrue();
    assertThat(ClaudePlan.PRO.serves("claude-opus-4-1-20250805")).isFalse();
    assertThat(ClaudePlan.PRO.serves("claude-opus-4-20250514")).isFalse();
    assertThat(ClaudePlan.PRO.serves("claude-3-opus-20240229")).isFalse();
    assertThat(ClaudePlan.PRO.serves("claude-sonnet-4-5")).isTrue();
  }

  @Test
  void maxAndUnknownPlansServeEverything() {
    assertThat(ClaudePlan.MAX.serves("claude-opus-4-1")).isTrue();
    assertThat(ClaudePlan.UNKNOWN.serves("claude-3-opus-20240229")).isTrue();
  }

  @Test
  void parsesThePlanNamesOfCredentialFilesAndSubscriptionInfo() {
    assertThat(ClaudePlan.parse("max")).isEqualTo(ClaudePlan.MAX);
    assertThat(ClaudePlan.parse("claude_max")).isEqualTo(ClaudePlan.MAX);
    assertThat(ClaudePlan.parse("Pro")).isEqualTo(ClaudePlan.PRO);
    assertThat(ClaudePlan.parse("free")).isEqualTo(ClaudePlan.FREE);
    assertThat(ClaudePlan.parse("team")).isEqualTo(ClaudePlan.UNKNOWN);
    assertThat(ClaudePlan.parse(null)).isEqualTo(ClaudePlan.UNKNOWN);
  }

  @Test
  void modelFamilyIsReadFromTheName() {
    assertThat(ModelFamily.of("claude-opus-4-1")).contains("opus");
    assertThat(ModelFamily.of("claude-3-5-sonnet-20241022")).contains("sonnet");
    assertThat(ModelFamily.of("claude-haiku-4-5")).contains("haiku");
    assertThat(ModelFamily.of("gpt-4o")).isEmpty();
  }
}
