package io.clauderelay.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.ClaudePlan;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthPiecesTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void pkceChallengeIsTheUnpaddedBase64UrlOfTheVerifiersSha256() {
    // SHA-256("abc") = ba7816bf...f20015ad, the FIPS 180-2 example.
    assertThat(Pkce.challengeOf("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  }

  @Test
  void generatedPkcePiecesAre32RandomBytesInBase64Url() {
    Pkce p = Pkce.generate(new SecureRandom());
    assertThat(p.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(p.state()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(p.verifier());
    assertThat(p.challenge()).isEqualTo(Pkce.challengeOf(p.verifier()));
  }

  @Test
  void authorizationUrlCarriesClientRedirectScopesChallengeAndState() {
    OAuthClientSettings s = new OAuthClientSettings("https://claude.ai/oauth/authorize", "https://t/token", "cid",
        "https://platform.claude.com/oauth/code/callback", "user:profile user:inference");
    String url = s.authorizationUrl(new Pkce("v", "chal", "st"));
    assertThat(url).startsWith("https://claude.ai/oauth/authorize?code=true&client_id=cid&response_type=code")
        .contains("redirect_uri=https%3A%2F%2Fplatform.claude.com%2Foauth%2Fcode%2Fcallback")
        .contains("scope=user%3Aprofile%20user%3Ainference")
        .contains("code_challenge=chal&code_challenge_method=S256&state=st");
  }

  @Test
  void refreshIsDueSixtySecondsBeforeExpiryNotEarlier() {
    OAuthCredential c = new OAuthCredential("at", "rt", NOW.plusSeconds(120), List.of(), ClaudePlan.UNKNOWN);
    assertThat(c.needsRefresh(NOW)).isFalse();
    assertThat(c.needsRefresh(NOW.plusSeconds(59))).isFalse();
    assertThat(c.needsRefresh(NOW.plusSeconds(60))).isTrue();
    assertThat(c.needsRefresh(NOW.plusSeconds(500))).isTrue();
  }

  @Test
  void withoutARefreshTokenNothingIsRefreshedAndWithoutAnAccessTokenItIsAtOnce() {
    assertThat(new OAuthCredential("at", "", NOW.minusSeconds(5), List.of(), null).needsRefresh(NOW)).isFalse();
    assertThat(new OAuthCredential("", "rt", null, List.of(), null).needsRefresh(NOW)).isTrue();
    assertThat(new OAuthCredential("at", "rt", null, List.of(), null).needsRefresh(NOW)).isFalse();
  }

  @Test
  void aRefreshKeepsTheOldRefreshTokenUnlessTheGrantRotatesIt() {
    OAuthCredential c = new OAuthCredential("at", "rt", NOW, List.of("user:inference"), ClaudePlan.MAX);
    OAuthCredential kept = c.refreshed(new TokenGrant("at2", null, Duration.ofHours(8), List.of()), NOW);
    assertThat(kept.refreshToken()).isEqualTo("rt");
    assertThat(kept.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(8)));
    assertThat(kept.scopes()).containsExactly("user:inference");
    assertThat(kept.plan()).isEqualTo(ClaudePlan.MAX);
    assertThat(c.refreshed(new TokenGrant("at2", "rt2", null, List.of()), NOW).refreshToken()).isEqualTo("rt2");
  }

  @Test
  void toStringNeverShowsTokens() {
    OAuthCredential c = new OAuthCredential("sk-ant-oat01-secret", "sk-ant-ort01-secret", NOW, List.of(), null);
    assertThat(c.toString()).doesNotContain("secret");
    assertThat(new TokenGrant("sk-ant-oat01-secret", "x-secret", null, null).toString()).doesNotContain("secret");
  }

  @Test
  void aPastedCodeIsReadFromTheBareCodeTheDisplayFormOrTheCallbackUrl() {
    assertThat(AuthorizationCode.parse("abc123")).contains(new AuthorizationCode("abc123", null));
    assertThat(AuthorizationCode.parse(" abc123#st4te ")).contains(new AuthorizationCode("abc123", "st4te"));
    assertThat(AuthorizationCode.parse("https://platform.claude.com/oauth/code/callback?code=abc%2B1&state=xyz"))
        .contains(new AuthorizationCode("abc+1", "xyz"));
    assertThat(AuthorizationCode.parse("https://platform.claude.com/oauth/code/callback?state=xyz")).isEmpty();
    assertThat(AuthorizationCode.parse("  ")).isEmpty();
  }
}
