package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountProtectionsTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void withoutOverridesTheRelaysPolicyApplies() {
    assertThat(AccountProtections.NONE.cooldowns(CooldownPolicy.DEFAULTS)).isSameAs(CooldownPolicy.DEFAULTS);
  }

  @Test
  void overridesReplaceOnlyThe503AndOther5xxCoolDowns() {
    CooldownPolicy p = new AccountProtections(false, null, false, 0, 90, null, null, false, null)
        .cooldowns(CooldownPolicy.DEFAULTS);

    assertThat(p.cooldown(UpstreamFailureClass.SERVICE_UNAVAILABLE, Optional.empty(), NOW)).isZero();
    assertThat(p.cooldown(UpstreamFailureClass.SERVER_ERROR, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.cooldown(UpstreamFailureClass.OVERLOADED, Optional.empty(), NOW))
        .isEqualTo(CooldownPolicy.DEFAULTS.overloaded());
  }

  @Test
  void disableAutoProtectionTurnsEveryCoolDownOffEvenAnUpstreamReset() {
    CooldownPolicy p = new AccountProtections(false, null, true, 60, 60, null, null, false, null)
        .cooldowns(CooldownPolicy.DEFAULTS);

    for (UpstreamFailureClass c : UpstreamFailureClass.values()) {
      assertThat(p.cooldown(c, Optional.of(NOW.plusSeconds(600)), NOW)).as(c.name()).isZero();
    }
  }

  @Test
  void anAccountExpiresAtItsDateAndNotBefore() {
    AccountProtections o = new AccountProtections(false, null, false, null, null, NOW, null, false, null);

    assertThat(o.expired(NOW.minusSeconds(1))).isFalse();
    assertThat(o.expired(NOW)).isTrue();
    assertThat(AccountProtections.NONE.expired(NOW)).isFalse();
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertThatThrownBy(() -> AccountProtections.autoStop(true, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccountProtections(false, null, false, -1, null, null, null, false, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
