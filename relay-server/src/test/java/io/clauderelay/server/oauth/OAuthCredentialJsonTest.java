package io.clauderelay.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.account.SubscriptionSignals;
import io.clauderelay.domain.oauth.OAuthCredential;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthCredentialJsonTest {

  static JsonNode json(String s) throws Exception {
    return OAuthCredentialJson.JSON.readTree(s);
  }

  @Test
  void claudeCodesCredentialsFileIsReadWithMillisecondExpiryScopesAndPlan() throws Exception {
    OAuthCredential c = OAuthCredentialJson.pasted(json("{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-a\","
        + "\"refreshToken\":\"sk-ant-ort01-r\",\"expiresAt\":1748658860401,\"scopes\":[\"user:inference\",\"user:profile\"],"
        + "\"subscriptionType\":\"max\"}}")).orElseThrow();
    assertThat(c.accessToken()).isEqualTo("sk-ant-oat01-a");
    assertThat(c.refreshToken()).isEqualTo("sk-ant-ort01-r");
    assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochMilli(1748658860401L));
    assertThat(c.scopes()).containsExactly("user:inference", "user:profile");
    assertThat(c.plan()).isEqualTo(ClaudePlan.MAX);
  }

  @Test
  void flatFieldsAJsonStringSecondsAndSpaceSeparatedScopesAreAccepted() throws Exception {
    OAuthCredential flat = OAuthCredentialJson.pasted(json(
        "{\"name\":\"x\",\"refreshToken\":\"r\",\"expiresAt\":1748658860,\"scopes\":\"a b\"}")).orElseThrow();
    assertThat(flat.accessToken()).isEmpty();
    assertThat(flat.expiresAt()).isEqualTo(Instant.ofEpochSecond(1748658860L));
    assertThat(flat.scopes()).containsExactly("a", "b");
    OAuthCredential inString = OAuthCredentialJson.pasted(json(
        "{\"credentials\":\"{\\\"claudeAiOauth\\\":{\\\"accessToken\\\":\\\"a\\\"}}\"}")).orElseThrow();
    assertThat(inString.accessToken()).isEqualTo("a");
    assertThat(OAuthCredentialJson.pasted(json("{\"name\":\"no tokens\"}"))).isEmpty();
  }

  @Test
  void theStoredFormRoundTrips() {
    OAuthCredential c = new OAuthCredential("a", "r", Instant.ofEpochMilli(123_456_789_000L), List.of("s"),
        ClaudePlan.PRO);
    assertThat(OAuthCredentialJson.read(OAuthCredentialJson.write(c))).isEqualTo(c);
  }

  @Test
  void aRejectedUnifiedWindowGivesTheResetWhenNoGeneralResetIsSent() {
    Instant now = Instant.ofEpochSecond(1_000_000);
    assertThat(SubscriptionSignals.reset(Map.of("anthropic-ratelimit-unified-5h-status", "rejected",
        "anthropic-ratelimit-unified-5h-reset", "1003600", "anthropic-ratelimit-unified-7d-status", "allowed",
        "anthropic-ratelimit-unified-7d-reset", "1600000"), now)).contains(Instant.ofEpochSecond(1_003_600));
    assertThat(SubscriptionSignals.reset(Map.of("anthropic-ratelimit-unified-reset", "1000060"), now))
        .contains(Instant.ofEpochSecond(1_000_060));
  }

  @Test
  void blockedMessagesAreRecognisedOnlyOn403And400() {
    assertThat(SubscriptionSignals.blocked(403, "This organization has been disabled.")).isTrue();
    assertThat(SubscriptionSignals.blocked(400, "OAuth authentication is currently not allowed for this organization."))
        .isTrue();
    assertThat(SubscriptionSignals.blocked(500, "This organization has been disabled.")).isFalse();
    assertThat(SubscriptionSignals.blocked(403, "Request not allowed")).isFalse();
  }
}
