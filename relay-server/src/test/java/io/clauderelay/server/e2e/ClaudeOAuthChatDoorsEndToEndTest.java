package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeTokenServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Claude subscription (OAuth) account behind the OpenAI-compatible doors authenticates exactly
 * like on the Messages route: {@code Authorization: Bearer} plus the OAuth beta, never
 * {@code x-api-key} (the fake answers 401 to that, as Anthropic does).
 */
class ClaudeOAuthChatDoorsEndToEndTest {
  static final String TOKEN = "sk-ant-oat01-chat-door";
  static final String CHAT = "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  FakeTokenServer tokens;
  FakeAnthropicServer upstream;
  RelayNode relay;
  String key;

  @BeforeEach
  void start() {
    tokens = new FakeTokenServer();
    upstream = FakeAnthropicServer.start();
    relay = new RelayNode(Map.of("CLAUDE_OAUTH_TOKEN_URL", tokens.tokenUrl()));
    key = relay.createKey("{\"name\":\"user\"}");
    String json = "{\"name\":\"sub\",\"apiUrl\":\"" + upstream.baseUrl() + "\",\"priority\":50,\"claudeAiOauth\":{"
        + "\"accessToken\":\"" + TOKEN + "\",\"refreshToken\":\"sk-ant-ort01-chat\",\"expiresAt\":"
        + (System.currentTimeMillis() + 3_600_000) + ",\"scopes\":[\"user:inference\",\"user:profile\"]}}";
    HttpResponse<String> r = relay.admin("POST", "/admin/claude-accounts", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (upstream != null) upstream.close();
    if (tokens != null) tokens.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/openai/claude/v1/chat/completions", "/api/v1/chat/completions"})
  void theSubscriptionTokenGoesAsBearerWithTheOAuthBeta(String door) {
    HttpResponse<String> r = relay.send("POST", door, Map.of("content-type", "application/json",
        "authorization", "Bearer " + key, "anthropic-beta", "interleaved-thinking-2025-05-14"), CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("object").asText()).isEqualTo("chat.completion");
    RecordedRequest sent = upstream.lastRequest();
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(sent.hasHeader("x-api-key")).isFalse();
    assertThat(sent.header("anthropic-beta")).contains("oauth-2025-04-20");
    assertThat(upstream.requestCount()).as("served at the first try, no cool-down and retry").isEqualTo(1);
    assertThat(tokens.refreshCalls()).isZero();
  }
}
