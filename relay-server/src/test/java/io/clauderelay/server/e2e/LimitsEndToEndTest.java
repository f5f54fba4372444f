package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client sees for each refusal of SPEC §5: status, error type, code and extra fields. */
class LimitsEndToEndTest {
  static final String BODY = ClaudeRelayEndToEndTest.BODY;

  FakeAnthropicServer fake;
  RelayNode relay;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    relay = new RelayNode();
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  static JsonNode error(HttpResponse<String> r) {
    return RelayNode.json(r.body());
  }

  @Test
  void missingUnknownAndMalformedKeysAre401InTheAnthropicShape() {
    for (HttpResponse<String> r : List.of(relay.post("/api/v1/messages", null, BODY),
        relay.post("/api/v1/messages", "cr_" + "0".repeat(64), BODY),
        relay.post("/api/v1/messages", "not-a-relay-key", BODY))) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(error(r).path("type").asText()).isEqualTo("error");
      assertThat(error(r).path("error").path("type").asText()).isEqualTo("authentication_error");
      assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void expiredAndDisabledKeysAre401() {
    String expired = relay.createKey("{\"name\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
    HttpResponse<String> r = relay.post("/api/v1/messages", expired, BODY);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(error(r).path("error").path("message").asText()).contains("expired");

    String disabled = relay.createKey("{\"name\":\"off\",\"isActive\":false}");
    assertThat(error(relay.post("/api/v1/messages", disabled, BODY)).path("error").path("message").asText())
        .contains("disabled");
  }

  @Test
  void permissionModelAndClientRefusalsAre403() {
    String geminiOnly = relay.createKey("{\"name\":\"g\",\"permissions\":[\"gemini\"]}");
    HttpResponse<String> perm = relay.post("/api/v1/messages", geminiOnly, BODY);
    assertThat(perm.statusCode()).isEqualTo(403);
    assertThat(error(perm).path("error").path("type").asText()).isEqualTo("permission_error");

    String noSonnet = relay.createKey("{\"name\":\"m\",\"enableModelRestriction\":true,\"restrictedModels\":[\""
        + ClaudeRelayEndToEndTest.MODEL + "\"]}");
    HttpResponse<String> model = relay.post("/api/v1/messages", noSonnet, BODY);
    assertThat(model.statusCode()).isEqualTo(403);
    assertThat(error(model).path("error").path("message").asText()).contains(ClaudeRelayEndToEndTest.MODEL);

    String ccOnly = relay
        .createKey("{\"name\":\"cc\",\"enableClientRestriction\":true,\"allowedClients\":[\"claude_code\"]}");
    HttpResponse<String> curl = relay.send("POST", "/api/v1/messages",
        Map.of("x-api-key", ccOnly, "content-type", "application/json", "user-agent", "curl/8.5"), BODY);
    assertThat(curl.statusCode()).isEqualTo(403);
    assertThat(error(curl).path("allowedClients").get(0).asText()).isEqualTo("claude_code");
    HttpResponse<String> claudeCode = relay.send("POST", "/api/v1/messages",
        Map.of("x-api-key", ccOnly, "content-type", "application/json", "user-agent",
            "claude-cli/2.1.3 (external, cli)"),
        BODY);
    assertThat(claudeCode.statusCode()).isEqualTo(200);
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void windowRequestLimitAdmitsExactlyTheLimitThen429WithRetryAfter() {
    String key = relay.createKey("{\"name\":\"w\",\"rateLimitWindow\":60,\"rateLimitRequests\":3}");
    for (int i = 0; i < 3; i++) assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(error(r).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error(r).path("requestLimit").asLong()).isEqualTo(3);
    assertThat(error(r).has("resetAt")).isTrue();
    assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow())).isBetween(3500L, 3600L);
  }

  @Test
  void concurrencyLimitRefusesTheRequestBeyondItWith429AndRetryAfter() throws Exception {
    fake.respondByDefault(Behaviour.ok().withResponseDelay(Duration.ofMillis(1500)));
    String key = relay.createKey("{\"name\":\"c\",\"concurrencyLimit\":2}");
    List<CompletableFuture<Integer>> running = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      running.add(CompletableFuture.supplyAsync(() -> relay.post("/api/v1/messages", key, BODY).statusCode()));
    }
    assertThat(fake.awaitRequests(2, Duration.ofSeconds(10))).isTrue();
    HttpResponse<String> third = relay.post("/api/v1/messages", key, BODY);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("retry-after")).contains("1");
    assertThat(error(third).path("concurrencyLimit").asInt()).isEqualTo(2);
    for (CompletableFuture<Integer> f : running) assertThat(f.get()).isEqualTo(200);
    // Both slots are free again once the first two finished.
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void costLimitsAre402WithTheirCodeAndResetTime() {
    // One request costs 1000×$3 + 1000×$15 per million = $0.018 on Sonnet 4.5.
    String daily = relay.createKey("{\"name\":\"d\",\"dailyCostLimit\":0.01}");
    assertThat(relay.post("/api/v1/messages", daily, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> d = relay.post("/api/v1/messages", daily, BODY);
    assertThat(d.statusCode()).isEqualTo(402);
    assertThat(error(d).path("error").path("code").asText()).isEqualTo("daily_cost_limit_exceeded");
    assertThat(error(d).path("resetAt").asText()).endsWith("T00:00:00Z");
    assertThat(error(d).path("currentCost").decimalValue()).isEqualByComparingTo("0.018");

    String total = relay.createKey("{\"name\":\"t\",\"totalCostLimit\":0.018}");
    assertThat(relay.post("/api/v1/messages", total, BODY).statusCode()).isEqualTo(200);
    assertThat(error(relay.post("/api/v1/messages", total, BODY)).path("error").path("code").asText())
        .isEqualTo("total_cost_limit_exceeded");

    String weekly = relay
        .createKey("{\"name\":\"wk\",\"weeklyOpusCostLimit\":0.001,\"weeklyResetDay\":1,\"weeklyResetHour\":0}");
    assertThat(relay.post("/api/v1/messages", weekly, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> w = relay.post("/api/v1/messages", weekly, BODY);
    assertThat(w.statusCode()).isEqualTo(402);
    assertThat(error(w).path("error").path("code").asText()).isEqualTo("weekly_cost_limit_exceeded");
    assertThat(error(w).has("resetAt")).isTrue();
  }

  @Test
  void badRequestsGetClear4xxNeverA500() {
    String key = relay.createKey("{\"name\":\"b\"}");
    assertThat(relay.post("/api/v1/messages", key, "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> empty = relay.post("/api/v1/messages", key, "{\"model\":\"m\",\"messages\":[]}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(error(empty).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error(empty).path("error").path("message").asText()).contains("messages");
    assertThat(relay
        .post("/api/v1/messages", key,
            "{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
        .statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = relay.send("GET", "/api/v1/nothing-here", Map.of(), null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).path("error").path("type").asText()).isEqualTo("not_found_error");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void bodiesOverTheSizeLimitAre413() {
    try (RelayNode small = new RelayNode(Map.of("REQUEST_MAX_SIZE_MB", "1"))) {
      String key = small.createKey("{\"name\":\"big\"}");
      String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_200_000) + "\"}]}";
      HttpResponse<String> r = small.post("/api/v1/messages", key, big);
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(error(r).path("error").path("type").asText()).isEqualTo("request_too_large");
    }
  }

  @Test
  void keyInfoUsageMeModelsAndTelemetryAnswerForTheKey() {
    String key = relay.createKey(
        "{\"name\":\"self\",\"enableModelRestriction\":true,\"restrictedModels\":[\"claude-opus-4-1-20250805\"],"
            + "\"dailyCostLimit\":5}");
    relay.post("/api/v1/messages", key, BODY);
    JsonNode info = RelayNode.json(relay.send("GET", "/api/v1/key-info", Map.of("x-api-key", key), null).body());
    assertThat(info.path("keyInfo").path("name").asText()).isEqualTo("self");
    assertThat(info.path("keyInfo").path("usage").path("total").path("requests").asLong()).isEqualTo(1);
    assertThat(info.path("keyInfo").path("limits").path("dailyCostLimit").decimalValue()).isEqualByComparingTo("5");
    assertThat(info.path("keyInfo").path("limits").path("currentDailyCost").decimalValue())
        .isEqualByComparingTo("0.018");
    JsonNode me = RelayNode
        .json(relay.send("GET", "/api/v1/me", Map.of("authorization", "Bearer " + key), null).body());
    assertThat(me.path("type").asText()).isEqualTo("user");
    JsonNode models = RelayNode.json(relay.send("GET", "/api/v1/models", Map.of("x-api-key", key), null).body());
    assertThat(models.path("data").findValuesAsText("id")).contains(ClaudeRelayEndToEndTest.MODEL)
        .doesNotContain("claude-opus-4-1-20250805");
    assertThat(
        relay.send("POST", "/api/event_logging/batch", Map.of("content-type", "application/json"), "{}").statusCode())
        .isEqualTo(200);
  }
}
