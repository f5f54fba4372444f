package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay in-process against a local fake Anthropic upstream over real HTTP: bodies relayed
 * unchanged, usage and cost recorded once, failover, and what a client sees when things go wrong.
 */
class ClaudeRelayEndToEndTest {
  static final String MODEL = "claude-sonnet-4-5-20250929";
  static final String BODY = "{\"model\":\"" + MODEL
      + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String STREAM_BODY = "{\"model\":\"" + MODEL
      + "\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  FakeAnthropicServer fake;
  RelayNode relay;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    relay = new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  /** Message ids are random per answer; everything else must match byte for byte. */
  static String normaliseIds(String body) {
    return body.replaceAll("msg_[A-Za-z0-9_]+", "msg_X").replaceAll("req_[A-Za-z0-9_]+", "req_X");
  }

  @Test
  void jsonAnswerIsRelayedUnchangedAndBilledOnceWithCacheWritesAndReads() throws Exception {
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-account-a", 10, null);
    String key = relay.createKey("{\"name\":\"alice\"}");

    HttpResponse<String> viaRelay = relay.post("/api/v1/messages", key, BODY);
    String directBody = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(fake.baseUrl() + "/v1/messages")).header("x-api-key", "sk-ant-account-a")
        .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY))
        .build(),
        HttpResponse.BodyHandlers.ofString()).body();

    assertThat(viaRelay.statusCode()).isEqualTo(200);
    assertThat(viaRelay.headers().firstValue("x-request-id")).isPresent();
    assertThat(normaliseIds(viaRelay.body())).isEqualTo(normaliseIds(directBody));

    RecordedRequest upstream = fake.requests().get(0);
    assertThat(upstream.header("x-api-key")).isEqualTo("sk-ant-account-a");
    assertThat(upstream.hasHeader("authorization")).isFalse();
    assertThat(upstream.bodyAsString()).isEqualTo(BODY);

    JsonNode usage = RelayNode.json(relay.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body())
        .path("usage").path("total");
    assertThat(usage.path("requests").asLong()).isEqualTo(1);
    assertThat(usage.path("inputTokens").asLong()).isEqualTo(10);
    assertThat(usage.path("outputTokens").asLong()).isEqualTo(20);
    assertThat(usage.path("cacheCreate5mTokens").asLong()).isEqualTo(100);
    assertThat(usage.path("cacheCreate1hTokens").asLong()).isEqualTo(200);
    assertThat(usage.path("cacheReadTokens").asLong()).isEqualTo(300);
    // Sonnet 4.5: $3 in, $15 out, $3.75 5m write, $6 1h write, $0.30 read per million tokens:
    // 10×3 + 20×15 + 100×3.75 + 200×6 + 300×0.3 = 1,995 micro-dollars.
    assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo("0.001995");
  }

  @Test
  void streamIsRelayedEventByEventUnchangedAndBilledFromMessageStartAndDelta() throws Exception {
    fake.respondByDefault(Behaviour.ok().withUsage(7, 11, 0, 50, 5).splitEvents());
    relay.createAccount("a", fake.baseUrl(), "sk-ant-account-a", 10, null);
    String key = relay.createKey("{\"name\":\"bob\"}");

    HttpResponse<String> viaRelay = relay.send("POST", "/api/v1/messages?beta=true",
        Map.of("content-type", "application/json", "authorization", "Bearer " + key), STREAM_BODY);
    String directBody = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(fake.baseUrl() + "/v1/messages")).header("x-api-key", "sk-ant-account-a")
        .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(STREAM_BODY))
        .build(),
        HttpResponse.BodyHandlers.ofString()).body();

    assertThat(viaRelay.statusCode()).isEqualTo(200);
    assertThat(viaRelay.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(viaRelay.headers().firstValue("x-accel-buffering")).contains("no");
    assertThat(normaliseIds(viaRelay.body())).isEqualTo(normaliseIds(directBody));
    assertThat(viaRelay.body()).contains("event: message_stop");
    assertThat(fake.requests().get(0).query()).contains("beta=true");

    JsonNode total = RelayNode.json(relay.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body())
        .path("usage").path("total");
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(7);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(11);
    assertThat(total.path("cacheCreate1hTokens").asLong()).isEqualTo(50);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(5);
    // 7×3 + 11×15 + 50×6 + 5×0.3 = 487.5 → 488 micro-dollars (half-up).
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.000488");
  }

  @Test
  void failsOverToTheNextAccountAndCoolsTheFailedOneDown() {
    fake.when("sk-ant-bad").respond(Behaviour.status(529));
    fake.when("sk-ant-good").respond(Behaviour.ok().withUsage(1, 2, 0, 0, 0));
    relay.createAccount("first", fake.baseUrl(), "sk-ant-bad", 1, null);
    relay.createAccount("second", fake.baseUrl(), "sk-ant-good", 2, null);
    String key = relay.createKey("{\"name\":\"carol\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(fake.requests()).extracting(RecordedRequest::credential).containsExactly("sk-ant-bad", "sk-ant-good");
    JsonNode accounts = RelayNode.json(relay.admin("GET", "/admin/claude-console-accounts", null).body()).path("data");
    JsonNode first = accounts.get(0).path("name").asText().equals("first") ? accounts.get(0) : accounts.get(1);
    assertThat(first.path("coolingDown").asBoolean()).isTrue();
    assertThat(first.path("coolingReason").asText()).contains("529");

    // The cooled-down account is skipped by the next request: no second call to it.
    relay.post("/api/v1/messages", key, BODY);
    assertThat(fake.requests()).extracting(RecordedRequest::credential).containsExactly("sk-ant-bad", "sk-ant-good",
        "sk-ant-good");
  }

  @Test
  void whenEveryAccountFailsTheClientSeesTheUpstreamErrorAfterTwoRetries() {
    fake.respondByDefault(Behaviour.status(500));
    for (int i = 1; i <= 4; i++) relay.createAccount("acc" + i, fake.baseUrl(), "sk-ant-" + i, i, null);
    String key = relay.createKey("{\"name\":\"dave\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(fake.requestCount()).isEqualTo(3);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(r.body()).doesNotContain("sk-ant-");
  }

  @Test
  void anUpstreamAuthFailureIsNeverShownAsTheClientsOwn401() {
    fake.respondByDefault(Behaviour.status(401));
    relay.createAccount("only", fake.baseUrl(), "sk-ant-revoked", 1, null);
    String key = relay.createKey("{\"name\":\"erin\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(RelayNode.json(r.body()).path("error").path("message").asText()).contains("Upstream account rejected");
  }

  @Test
  void noEligibleAccountGives503SayingWhy() {
    String key = relay.createKey("{\"name\":\"frank\"}");
    HttpResponse<String> none = relay.post("/api/v1/messages", key, BODY);
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(RelayNode.json(none.body()).path("error").path("message").asText()).containsIgnoringCase("account");

    relay.createAccount("opus-only", fake.baseUrl(), "sk-ant-x", 1,
        "\"supportedModels\":[\"claude-opus-4-5-20251101\"]");
    HttpResponse<String> unsupported = relay.post("/api/v1/messages", key, BODY);
    assertThat(unsupported.statusCode()).isEqualTo(503);
    assertThat(RelayNode.json(unsupported.body()).path("error").path("message").asText()).contains(MODEL);
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aClientErrorFromUpstreamIsPassedOnWithoutFailover() {
    fake.respondByDefault(Behaviour.error(400, "invalid_request_error", "max_tokens: too large"));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    relay.createAccount("b", fake.baseUrl(), "sk-ant-b", 2, null);
    String key = relay.createKey("{\"name\":\"gina\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RelayNode.json(r.body()).path("error").path("message").asText()).isEqualTo("max_tokens: too large");
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void modelMappingRewritesOnlyTheModelSentUpstream() {
    fake.respondByDefault(Behaviour.ok());
    relay.createAccount("mapped", fake.baseUrl(), "sk-ant-a", 1,
        "\"supportedModels\":{\"" + MODEL + "\":\"claude-sonnet-4-20250514\"}");
    String key = relay.createKey("{\"name\":\"hank\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().bodyAsJson().getString("model")).isEqualTo("claude-sonnet-4-20250514");
  }

  @Test
  void clientDisconnectMidStreamCancelsUpstreamFreesTheLeaseAndBillsWhatWasSeen() throws Exception {
    fake.respondByDefault(Behaviour.ok().withUsage(40, 9, 0, 0, 0).slow(Duration.ofMillis(300)));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"ivy\",\"concurrencyLimit\":1}");

    try (Socket socket = new Socket("127.0.0.1", relay.app.port())) {
      OutputStream out = socket.getOutputStream();
      byte[] body = STREAM_BODY.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + key + "\r\ncontent-type: application/json\r\n"
              + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!seen.toString().contains("message_start")) {
        int n = in.read(buf);
        if (n < 0) break;
        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(seen.toString()).contains("200").contains("message_start");
    }

    assertThat(fake.awaitCancelledStreams(1, Duration.ofSeconds(10))).isTrue();
    // The single concurrency slot is free again, and the partial usage (input from message_start) was billed.
    fake.respondByDefault(Behaviour.ok());
    awaitUntil(() -> relay.post("/api/v1/messages", key, BODY).statusCode() == 200);
    JsonNode total = RelayNode.json(relay.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body())
        .path("usage").path("total");
    assertThat(total.path("requests").asLong()).isEqualTo(2);
    assertThat(total.path("inputTokens").asLong()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void aStreamCutMidwayEndsWithAnSseErrorEventAndBillsWhatWasSeen() {
    fake.respondByDefault(Behaviour.ok().withUsage(30, 5, 0, 0, 0).cutAfter(3));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"jack\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, STREAM_BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("message_start").contains("event: error").doesNotContain("message_stop");
    JsonNode total = RelayNode.json(relay.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body())
        .path("usage").path("total");
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(30);
  }

  @Test
  void countTokensPassesThrough() {
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"kim\"}");
    HttpResponse<String> r = relay.post("/api/v1/messages/count_tokens", key, BODY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).has("input_tokens")).isTrue();
    assertThat(fake.lastRequest().path()).isEqualTo("/v1/messages/count_tokens");
  }

  static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(50);
    }
  }
}
