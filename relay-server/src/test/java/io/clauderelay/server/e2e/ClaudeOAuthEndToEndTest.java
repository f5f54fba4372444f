package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeTokenServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude subscription accounts end to end through the relay, with a local token endpoint and the
 * fake Messages upstream: onboarding, refresh before expiry and after a 401, a refused refresh,
 * a family-scoped 429, a blocked account and plan gating.
 */
class ClaudeOAuthEndToEndTest {
  static final String OPUS = "claude-opus-4-1-20250805";
  static final String SONNET = "claude-sonnet-4-5-20250929";

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
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (upstream != null) upstream.close();
    if (tokens != null) tokens.close();
  }

  static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  HttpResponse<String> ask(String model) {
    return relay.post("/api/v1/messages", key, body(model));
  }

  /** Adds a subscription account from Claude Code's credentials JSON; returns its id. */
  String pasteAccount(String name, int priority, String access, String refresh, long expiresInMs, String extra) {
    tokens.acceptRefreshToken(refresh);
    String json = "{\"name\":\"" + name + "\",\"apiUrl\":\"" + upstream.baseUrl() + "\",\"priority\":" + priority
        + ",\"claudeAiOauth\":{\"accessToken\":\"" + access + "\",\"refreshToken\":\"" + refresh + "\",\"expiresAt\":"
        + (System.currentTimeMillis() + expiresInMs) + ",\"scopes\":[\"user:inference\",\"user:profile\"]"
        + (extra == null ? "" : "," + extra) + "}}";
    HttpResponse<String> r = relay.admin("POST", "/admin/claude-accounts", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(access).doesNotContain(refresh);
    return RelayNode.json(r.body()).path("data").path("id").asText();
  }

  JsonNode listed(String id) {
    HttpResponse<String> r = relay.admin("GET", "/admin/claude-accounts", null);
    assertThat(r.statusCode()).isEqualTo(200);
    for (JsonNode a : RelayNode.json(r.body()).path("data")) if (a.path("id").asText().equals(id)) return a;
    throw new AssertionError("account " + id + " not listed: " + r.body());
  }

  static Map<String, String> query(String url) {
    Map<String, String> q = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return q;
  }

  @Test
  void onboardingExchangesThePastedCallbackUrlForAnAccountThatServesWithBearerAndTheOAuthBeta() {
    HttpResponse<String> gen = relay.admin("POST", "/admin/claude-accounts/generate-auth-url", "{}");
    assertThat(gen.statusCode()).as(gen.body()).isEqualTo(200);
    JsonNode data = RelayNode.json(gen.body()).path("data");
    String authUrl = data.path("authUrl").asText();
    Map<String, String> q = query(authUrl);
    assertThat(authUrl).startsWith("https://claude.ai/oauth/authorize?");
    assertThat(q).containsEntry("client_id", "9d1c250a-e61b-44d9-88ed-5944d1962f5e")
        .containsEntry("redirect_uri", "https://platform.claude.com/oauth/code/callback")
        .containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code")
        .containsEntry("code", "true")
        .containsEntry("scope",
            "org:create_api_key user:profile user:inference user:sessions:claude_code user:mcp_servers user:file_upload");
    tokens.expectCode("the-code", q.get("code_challenge"));

    String callback = "https://platform.claude.com/oauth/code/callback?code=the-code&state=" + q.get("state");
    HttpResponse<String> ex = relay.admin("POST", "/admin/claude-accounts/exchange-code", "{\"sessionId\":\""
        + data.path("sessionId").asText() + "\",\"callbackUrl\":\"" + callback
        + "\",\"name\":\"onboarded\",\"apiUrl\":\""
        + upstream.baseUrl() + "\",\"plan\":\"max\"}");
    assertThat(ex.statusCode()).as(ex.body()).isEqualTo(200);
    assertThat(ex.body()).doesNotContain(FakeTokenServer.accessToken(1))
        .doesNotContain(FakeTokenServer.refreshToken(1));
    String id = RelayNode.json(ex.body()).path("data").path("id").asText();
    assertThat(tokens.exchangeCalls()).isEqualTo(1);
    assertThat(tokens.requests().get(0).getString("client_id")).isEqualTo("9d1c250a-e61b-44d9-88ed-5944d1962f5e");

    HttpResponse<String> again = relay.admin("POST", "/admin/claude-accounts/exchange-code", "{\"sessionId\":\""
        + data.path("sessionId").asText() + "\",\"code\":\"the-code\",\"name\":\"twice\"}");
    assertThat(again.statusCode()).as("a session is used once").isEqualTo(400);

    upstream.respondByDefault(Behaviour.ok().withHeader("anthropic-ratelimit-unified-5h-status", "allowed_warning"));
    HttpResponse<String> r = relay.send("POST", "/api/v1/messages",
        Map.of("content-type", "application/json", "x-api-key", key,
            "anthropic-beta", "interleaved-thinking-2025-05-14"),
        body(SONNET));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    RecordedRequest sent = upstream.lastRequest();
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + FakeTokenServer.accessToken(1));
    assertThat(sent.hasHeader("x-api-key")).isFalse();
    assertThat(sent.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14,oauth-2025-04-20");

    JsonNode view = listed(id);
    assertThat(view.path("platform").asText()).isEqualTo("claude-oauth");
    assertThat(view.path("plan").asText()).isEqualTo("max");
    assertThat(view.path("sessionWindowStatus").asText()).isEqualTo("allowed_warning");
    assertThat(view.path("tokenExpiresAt").asText()).isNotEmpty();
    assertThat(view.toString()).doesNotContain("sk-ant-");
  }

  @Test
  void aTokenAboutToExpireIsRefreshedBeforeTheRequestAndTheRotatedRefreshTokenIsKept() {
    String id = pasteAccount("soon", 50, "sk-ant-oat01-old", "sk-ant-ort01-old", 30_000, null);

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(tokens.refreshCalls()).isEqualTo(1);
    assertThat(tokens.requests().get(0).getString("refresh_token")).isEqualTo("sk-ant-ort01-old");
    assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + FakeTokenServer.accessToken(1));

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(tokens.refreshCalls()).as("the new token lasts 8 hours").isEqualTo(1);

    // The old refresh token was rotated away: a manual refresh only works with the stored new one.
    HttpResponse<String> manual = relay.admin("POST", "/admin/claude-accounts/" + id + "/refresh", "{}");
    assertThat(manual.statusCode()).as(manual.body()).isEqualTo(200);
    assertThat(tokens.requests().get(1).getString("refresh_token")).isEqualTo(FakeTokenServer.refreshToken(1));
    assertThat(listed(id).path("status").asText()).isEqualTo("active");
  }

  @Test
  void a401RefreshesTheTokenOnceAndRetriesTheSameRequestOnTheSameAccount() {
    pasteAccount("stale", 50, "sk-ant-oat01-revoked", "sk-ant-ort01-r", 3_600_000, null);
    upstream.when("sk-ant-oat01-revoked").respond(Behaviour.status(401));

    HttpResponse<String> r = ask(SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(tokens.refreshCalls()).isEqualTo(1);
    assertThat(upstream.requests()).extracting(RecordedRequest::credential)
        .containsExactly("sk-ant-oat01-revoked", FakeTokenServer.accessToken(1));
  }

  @Test
  void aRefusedRefreshMarksTheAccountErrorAndTheNextAccountServes() {
    String broken = pasteAccount("broken", 1, "sk-ant-oat01-b", "sk-ant-ort01-b", 10_000, null);
    pasteAccount("healthy", 2, "sk-ant-oat01-h", "sk-ant-ort01-h", 3_600_000, null);
    tokens.refuseRefresh(true);

    HttpResponse<String> r = ask(SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(upstream.requests()).extracting(RecordedRequest::credential).containsExactly("sk-ant-oat01-h");
    JsonNode view = listed(broken);
    assertThat(view.path("status").asText()).isEqualTo("error");
    assertThat(view.path("errorMessage").asText()).contains("token refresh failed").contains("invalid_grant")
        .doesNotContain("sk-ant-");

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(tokens.refreshCalls()).as("an account in error is out of the pool").isEqualTo(1);
  }

  @Test
  void theFiveHourAndWeeklyWindowsTheUpstreamReportsAreKeptAndListedWithTheirStartEndAndUtilization() {
    String id = pasteAccount("sub", 50, "sk-ant-oat01-w", "sk-ant-ort01-w", 3_600_000, null);
    long fiveHourReset = System.currentTimeMillis() / 1000 + 3600;
    long weekReset = fiveHourReset + 3 * 86400;
    upstream.when("sk-ant-oat01-w").enqueue(Behaviour.ok()
        .withHeader("anthropic-ratelimit-unified-status", "allowed")
        .withHeader("anthropic-ratelimit-unified-representative-claim", "five_hour")
        .withHeader("anthropic-ratelimit-unified-5h-status", "allowed_warning")
        .withHeader("anthropic-ratelimit-unified-5h-utilization", "0.86")
        .withHeader("anthropic-ratelimit-unified-5h-reset", Long.toString(fiveHourReset))
        .withHeader("anthropic-ratelimit-unified-7d-status", "allowed")
        .withHeader("anthropic-ratelimit-unified-7d-utilization", "0.41")
        .withHeader("anthropic-ratelimit-unified-7d-reset", Long.toString(weekReset)));

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);

    JsonNode a = listed(id);
    assertThat(a.path("sessionWindowStatus").asText()).isEqualTo("allowed_warning");
    JsonNode windows = a.path("usageWindows");
    assertThat(windows).hasSize(2);
    JsonNode five = windows.get(0);
    assertThat(five.path("name").asText()).isEqualTo("5h");
    assertThat(five.path("utilization").asText()).isEqualTo("0.86");
    assertThat(five.path("percent").asInt()).isEqualTo(86);
    assertThat(five.path("windowEnd").asText()).isEqualTo(java.time.Instant.ofEpochSecond(fiveHourReset).toString());
    assertThat(five.path("windowStart").asText())
        .isEqualTo(java.time.Instant.ofEpochSecond(fiveHourReset - 5 * 3600).toString());
    assertThat(a.path("sessionWindowEnd").asText()).isEqualTo(five.path("windowEnd").asText());
    JsonNode week = windows.get(1);
    assertThat(week.path("name").asText()).isEqualTo("7d");
    assertThat(week.path("status").asText()).isEqualTo("allowed");
    assertThat(week.path("percent").asInt()).isEqualTo(41);
    assertThat(week.path("windowStart").asText())
        .isEqualTo(java.time.Instant.ofEpochSecond(weekReset - 7 * 86400).toString());
  }

  @Test
  void withAutoStopOnWarningAnAccountWhoseWindowReachesTheThresholdRestsUntilTheResetAndTheNextServes() {
    String first = pasteAccount("first", 10, "sk-ant-oat01-f", "sk-ant-ort01-f", 3_600_000, null);
    pasteAccount("second", 20, "sk-ant-oat01-g", "sk-ant-ort01-g", 3_600_000, null);
    HttpResponse<String> set = relay.admin("PUT", "/admin/claude-accounts/" + first,
        "{\"autoStopOnWarning\":true,\"autoStopUtilization\":80}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    long reset = System.currentTimeMillis() / 1000 + 1800;
    upstream.when("sk-ant-oat01-f").enqueue(Behaviour.ok()
        .withHeader("anthropic-ratelimit-unified-5h-status", "allowed")
        .withHeader("anthropic-ratelimit-unified-5h-utilization", "0.86")
        .withHeader("anthropic-ratelimit-unified-5h-reset", Long.toString(reset)));

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(upstream.lastRequest().credential()).isEqualTo("sk-ant-oat01-f");
    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(upstream.lastRequest().credential()).as("the stopped account is out of the pool")
        .isEqualTo("sk-ant-oat01-g");

    JsonNode a = listed(first);
    assertThat(a.path("autoStopOnWarning").asBoolean()).isTrue();
    assertThat(a.path("autoStopUtilization").asInt()).isEqualTo(80);
    assertThat(a.path("coolingDown").asBoolean()).isTrue();
    assertThat(a.path("coolingUntil").asText()).isEqualTo(java.time.Instant.ofEpochSecond(reset).toString());
  }

  static String turn(String text) {
    return "{\"model\":\"" + SONNET + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
        + "\"}]}";
  }

  static String toolResult() {
    return "{\"model\":\"" + SONNET + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"run it\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"sh\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"ok\"}]}]}";
  }

  @Test
  void newUserTurnsOnASerialSubscriptionGoOneAtATimeTheGapApartWhileToolResultsAndCountsPass() throws Exception {
    String id = pasteAccount("serial", 50, "sk-ant-oat01-t", "sk-ant-ort01-t", 3_600_000, null);
    HttpResponse<String> set = relay.admin("PUT", "/admin/claude-accounts/" + id,
        "{\"userMessageQueueEnabled\":true,\"userMessageQueueDelayMs\":300}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    upstream.when("sk-ant-oat01-t").enqueue(Behaviour.ok().withResponseDelay(Duration.ofMillis(1500)));

    CompletableFuture<Integer> first = CompletableFuture
        .supplyAsync(() -> relay.post("/api/v1/messages", key, turn("one")).statusCode());
    assertThat(upstream.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    // A tool result continues the turn in progress, and a token count is no turn: neither waits.
    assertThat(relay.post("/api/v1/messages", key, toolResult()).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages/count_tokens", key, turn("count")).statusCode()).isEqualTo(200);
    assertThat(first).isNotDone();
    // Two more user turns wait for the first one's answer to start, then go one at a time.
    CompletableFuture<Integer> second = CompletableFuture
        .supplyAsync(() -> relay.post("/api/v1/messages", key, turn("two")).statusCode());
    assertThat(relay.post("/api/v1/messages", key, turn("three")).statusCode()).isEqualTo(200);
    assertThat(first.get()).isEqualTo(200);
    assertThat(second.get()).isEqualTo(200);

    List<Long> at = upstream.arrivalNanos();
    assertThat(at).hasSize(5);
    long firstAt = at.get(0);
    List<Long> turnsAfter = List.of(at.get(3), at.get(4));
    // The first answer's headers came 1.5 s after it was sent; each later turn starts at least 300 ms after the last.
    assertThat(Math.min(turnsAfter.get(0), turnsAfter.get(1)) - firstAt).isGreaterThanOrEqualTo(1_800_000_000L);
    assertThat(Math.abs(turnsAfter.get(1) - turnsAfter.get(0))).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(listed(id).path("userMessageQueueEnabled").asBoolean()).isTrue();
  }

  @Test
  void a429ForOpusCoolsOnlyTheOpusFamilyOfThatAccount() {
    String id = pasteAccount("sub", 50, "sk-ant-oat01-s", "sk-ant-ort01-s", 3_600_000, null);
    upstream.when("sk-ant-oat01-s").enqueue(Behaviour.rateLimited(600));

    HttpResponse<String> limited = ask(OPUS);
    assertThat(limited.statusCode()).isEqualTo(429);

    HttpResponse<String> sonnet = ask(SONNET);
    assertThat(sonnet.statusCode()).as("the same account still serves sonnet: " + sonnet.body()).isEqualTo(200);
    assertThat(upstream.lastRequest().credential()).isEqualTo("sk-ant-oat01-s");

    HttpResponse<String> opusAgain = ask(OPUS);
    assertThat(opusAgain.statusCode()).isEqualTo(503);
    assertThat(opusAgain.body()).contains("is cooling down until");
    assertThat(opusAgain.headers().firstValue("retry-after")).isPresent();
    assertThat(upstream.requestCount()).as("the limited family is not sent upstream").isEqualTo(2);
    assertThat(listed(id).path("rateLimitedFamilies").has("opus")).isTrue();
    assertThat(listed(id).path("coolingDown").asBoolean()).isFalse();
  }

  @Test
  void anAccountWhoseOrganizationIsDisabledIsBlockedAndTheNextAccountServes() {
    String blocked = pasteAccount("disabled", 1, "sk-ant-oat01-d", "sk-ant-ort01-d", 3_600_000, null);
    pasteAccount("fine", 2, "sk-ant-oat01-f", "sk-ant-ort01-f", 3_600_000, null);
    upstream.when("sk-ant-oat01-d")
        .respond(Behaviour.error(403, "permission_error", "This organization has been disabled."));

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(upstream.lastRequest().credential()).isEqualTo("sk-ant-oat01-f");
    JsonNode view = listed(blocked);
    assertThat(view.path("status").asText()).isEqualTo("blocked");
    assertThat(view.path("errorMessage").asText()).contains("organization has been disabled");

    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(upstream.requests()).extracting(RecordedRequest::credential)
        .containsExactly("sk-ant-oat01-d", "sk-ant-oat01-f", "sk-ant-oat01-f");
  }

  @Test
  void aFreePlanAccountIsNotGivenOpus() {
    pasteAccount("free", 50, "sk-ant-oat01-free", "sk-ant-ort01-free", 3_600_000, "\"subscriptionType\":\"free\"");

    HttpResponse<String> opus = ask("claude-opus-4-5-20251101");
    assertThat(opus.statusCode()).isEqualTo(503);
    assertThat(opus.body()).contains("no claude account serves model");
    assertThat(ask(SONNET).statusCode()).isEqualTo(200);
    assertThat(upstream.requestCount()).isEqualTo(1);
  }
}
