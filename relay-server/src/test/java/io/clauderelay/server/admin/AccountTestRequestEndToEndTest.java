package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeGeminiServer;
import io.clauderelay.server.fake.FakeOpenAiServer;
import io.clauderelay.server.fake.FakeTokenServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /admin/<type>/:id/test} for every account type, over real HTTP against the local fake
 * upstreams: the smallest request with the account's own credential, the answer's status, text and
 * latency, an upstream error reported as {@code ok: false}; never a credential back, never a relay
 * key or the admin token upstream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountTestRequestEndToEndTest {
  FakeAnthropicServer anthropic;
  FakeOpenAiServer openAi;
  FakeGeminiServer gemini;
  FakeTokenServer tokens;
  RelayNode relay;
  String relayKey;

  @BeforeAll
  void start() {
    anthropic = FakeAnthropicServer.start();
    openAi = new FakeOpenAiServer();
    gemini = new FakeGeminiServer();
    tokens = new FakeTokenServer();
    relay = new RelayNode(Map.of("CLAUDE_OAUTH_TOKEN_URL", tokens.tokenUrl()));
    // A relay key exists, so a leak of one upstream would be visible.
    relayKey = relay.createKey("{\"name\":\"someone\"}");
  }

  @AfterAll
  void stop() {
    relay.close();
    anthropic.close();
    openAi.close();
    gemini.close();
    tokens.close();
  }

  JsonNode test(String type, String id, String body) {
    HttpResponse<String> r = relay.admin("POST", "/admin/" + type + "/" + id + "/test", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data");
  }

  /** Nothing of the relay's own secrets reached the upstream: no cr_ key, no admin token, in any header or the body. */
  void assertNoRelaySecretIn(RecordedRequest sent) {
    String everything = sent.headers().toString() + sent.bodyAsString();
    assertThat(everything).doesNotContain(relayKey).doesNotContain("cr_").doesNotContain(relay.adminToken());
  }

  static void assertOk(JsonNode out, String model) {
    assertThat(out.path("ok").asBoolean()).as(out.toString()).isTrue();
    assertThat(out.path("status").asInt()).isEqualTo(200);
    assertThat(out.path("model").asText()).isEqualTo(model);
    assertThat(out.path("text").asText()).isEqualTo("Hello from the fake upstream — ünïcode ✓");
    assertThat(out.path("latencyMs").isIntegralNumber()).isTrue();
    assertThat(out.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(out.has("error")).isFalse();
  }

  static void assertRejected(JsonNode out, int status, String credential) {
    assertThat(out.path("ok").asBoolean()).as(out.toString()).isFalse();
    assertThat(out.path("status").asInt()).isEqualTo(status);
    assertThat(out.path("error").asText()).isNotBlank();
    assertThat(out.toString()).doesNotContain(credential);
  }

  @Test
  void aConsoleAccountIsTestedWithItsKeyAndAnUpstream401IsReportedNotRaised() {
    String id = relay.createAccount("console", anthropic.baseUrl(), "sk-ant-console-good");
    JsonNode out = test("claude-console-accounts", id, "{}");

    assertOk(out, "claude-haiku-4-5-20251001");
    assertThat(out.path("platform").asText()).isEqualTo("claude-console");
    RecordedRequest sent = anthropic.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-console-good");
    assertThat(sent.bodyAsJson().getInteger("max_tokens")).isEqualTo(1);
    assertNoRelaySecretIn(sent);

    String bad = relay.createAccount("console-bad", anthropic.baseUrl(), "sk-ant-console-revoked");
    // An upstream that echoes the key in its error: the operator sees the message, not the key.
    anthropic.when("sk-ant-console-revoked").respond(Behaviour.status(401)
        .withErrorMessage("invalid x-api-key sk-ant-console-revoked"));
    JsonNode rejected = test("claude-console-accounts", bad, "{}");
    assertRejected(rejected, 401, "sk-ant-console-revoked");
    assertThat(rejected.path("error").asText()).isEqualTo("invalid x-api-key ***");
    assertThat(anthropic.lastRequest().credential()).isEqualTo("sk-ant-console-revoked");
    assertNoRelaySecretIn(anthropic.lastRequest());
  }

  @Test
  void aSubscriptionAccountIsTestedWithItsAccessTokenRefreshedFirstWhenAboutToExpire() {
    tokens.acceptRefreshToken("sk-ant-ort01-probe");
    HttpResponse<String> created = relay.admin("POST", "/admin/claude-accounts", "{\"name\":\"sub\",\"apiUrl\":\""
        + anthropic.baseUrl() + "\",\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-probe-old\",\"refreshToken\":"
        + "\"sk-ant-ort01-probe\",\"expiresAt\":" + (System.currentTimeMillis() + 20_000)
        + ",\"scopes\":[\"user:inference\"]}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = RelayNode.json(created.body()).path("data").path("id").asText();
    int refreshesBefore = tokens.refreshCalls();

    JsonNode out = test("claude-accounts", id, "{\"model\":\"claude-sonnet-4-5-20250929\"}");

    assertOk(out, "claude-sonnet-4-5-20250929");
    assertThat(tokens.refreshCalls()).as("an expiring token is refreshed like traffic would")
        .isEqualTo(refreshesBefore + 1);
    RecordedRequest sent = anthropic.lastRequest();
    String newToken = FakeTokenServer.accessToken(refreshesBefore + 1);
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + newToken);
    assertThat(sent.hasHeader("x-api-key")).isFalse();
    assertThat(sent.header("anthropic-beta")).contains("oauth-2025-04-20");
    assertThat(sent.bodyAsJson().getString("model")).isEqualTo("claude-sonnet-4-5-20250929");
    assertNoRelaySecretIn(sent);
    assertThat(out.toString()).doesNotContain(newToken).doesNotContain("sk-ant-ort01-probe");

    anthropic.when(newToken).respond(Behaviour.status(401));
    JsonNode rejected = test("claude-accounts", id, "{}");
    assertRejected(rejected, 401, newToken);
    assertThat(anthropic.lastRequest().credential()).isEqualTo(newToken);
    assertThat(tokens.refreshCalls()).as("a test reports a 401; it does not refresh on it")
        .isEqualTo(refreshesBefore + 1);
  }

  @Test
  void anOpenAiAccountIsTestedWithATinyResponsesRequestAndItsKey() {
    String id = relay.createOpenAiAccount("oa", openAi.baseUrl() + "/v1", "sk-openai-probe", 5);
    JsonNode out = test("openai-responses-accounts", id, "{}");

    assertOk(out, "gpt-4o-mini");
    RecordedRequest sent = openAi.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/responses");
    assertThat(sent.header("authorization")).isEqualTo("Bearer sk-openai-probe");
    assertThat(sent.bodyAsJson().getInteger("max_output_tokens")).isEqualTo(16);
    assertNoRelaySecretIn(sent);

    openAi.respondFor("sk-openai-probe", Behaviour.status(401));
    JsonNode rejected = test("openai-responses-accounts", id, "{\"model\":\"gpt-5\"}");
    assertRejected(rejected, 401, "sk-openai-probe");
    assertThat(rejected.path("model").asText()).isEqualTo("gpt-5");
    assertThat(rejected.path("error").asText()).startsWith("Incorrect API key provided");
    assertThat(openAi.lastRequest().bodyAsJson().getString("model")).isEqualTo("gpt-5");
  }

  @Test
  void aGeminiAccountIsTestedWithATinyGenerateContentAndItsKeyInTheHeader() {
    String id = relay.createGeminiAccount("g", gemini.baseUrl(), "AIza-probe-key", 5);
    JsonNode out = test("gemini-api-accounts", id, "{}");

    assertOk(out, "gemini-2.5-flash");
    RecordedRequest sent = gemini.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(sent.header("x-goog-api-key")).isEqualTo("AIza-probe-key");
    assertThat(sent.query()).as("the key goes in the header, not the URL").isNull();
    assertThat(sent.bodyAsJson().getJsonObject("generationConfig").getInteger("maxOutputTokens")).isEqualTo(16);
    assertNoRelaySecretIn(sent);

    gemini.respondFor("AIza-probe-key", Behaviour.status(401));
    assertRejected(test("gemini-api-accounts", id, "{}"), 401, "AIza-probe-key");
  }

  @Test
  void anAccountLimitedToSomeModelsIsTestedWithTheFirstOfThem() {
    HttpResponse<String> created = relay.admin("POST", "/admin/gemini-api-accounts", "{\"name\":\"lite\",\"baseUrl\":\""
        + gemini.baseUrl() + "\",\"apiKey\":\"AIza-lite\",\"supportedModels\":[\"gemini-2.5-flash-lite\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = RelayNode.json(created.body()).path("data").path("id").asText();

    assertOk(test("gemini-api-accounts", id, "{}"), "gemini-2.5-flash-lite");
  }

  @Test
  void anUnreachableUpstreamIsStatusZeroWithTheReason() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String id = relay.createOpenAiAccount("gone", "http://127.0.0.1:" + closed, "sk-openai-gone", 5);

    JsonNode out = test("openai-responses-accounts", id, "{}");

    assertThat(out.path("ok").asBoolean()).isFalse();
    assertThat(out.path("status").asInt()).isZero();
    assertThat(out.path("error").asText()).startsWith("unreachable");
    assertThat(out.toString()).doesNotContain("sk-openai-gone");
  }

  @Test
  void aWrongModelOrBodyIsA400NamingTheField() {
    String id = relay.createGeminiAccount("v", gemini.baseUrl(), "AIza-v", 5);
    String path = "/admin/gemini-api-accounts/" + id + "/test";
    for (String[] c : List.of(new String[]{"{\"model\":\"../../v1/files\"}", "model"},
        new String[]{"{\"model\":\"gemini:x?key=1\"}", "model"}, new String[]{"{\"model\":5}", "model"},
        new String[]{"[1]", "body"}, new String[]{"not json", "body"})) {
      HttpResponse<String> r = relay.admin("POST", path, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(RelayNode.json(r.body()).path("message").asText()).as(c[0]).startsWith(c[1] + " ");
    }
    assertThat(relay.admin("POST", "/admin/gemini-api-accounts/no-such-account/test", "{}").statusCode())
        .isEqualTo(404);
  }
}
