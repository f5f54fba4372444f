package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeBedrockServer;
import io.clauderelay.server.fake.RecordedRequest;
import io.clauderelay.server.fake.TestHttpProxy;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude on AWS Bedrock over real HTTP: a {@code cr_} key's Messages (JSON and stream), count_tokens
 * and OpenAI-compatible chat requests reach a fake Bedrock that checks the SigV4 signature with
 * AWS's signer, the InvokeModel path and body; the event stream comes back as Anthropic SSE; usage
 * and cost are recorded; Bedrock's throttling and access errors cool the account down and the
 * request fails over within the Claude pool; an account signing for another region is refused by
 * the credential scope check and cooled down as auth, and a stream cut mid-way ends in an error event.
 */
class BedrockRelayEndToEndTest {
  static final String SONNET = "claude-sonnet-4-5-20250929";
  static final String SONNET_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  static final String MESSAGE = "{\"model\":\"" + SONNET + "\",\"max_tokens\":64,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String KEY_ID = "AKIAFAKEBEDROCK00001";
  static final String SECRET = "fake/secret+bedrock/0001";

  private FakeBedrockServer fake;
  private RelayNode relay;
  private String key;

  @BeforeEach
  void setUp() {
    fake = new FakeBedrockServer("us-east-1").withAccessKey(KEY_ID, SECRET);
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    key = null;
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    fake.close();
  }

  private void start(Map<String, String> env) {
    relay = new RelayNode(env);
    key = relay.createKey("{\"name\":\"alice\"}");
  }

  private String account(String name, int priority, String credentialJson) {
    return relay.createBedrockAccount("{\"name\":\"" + name + "\",\"region\":\"us-east-1\",\"endpointUrl\":\""
        + fake.baseUrl() + "\",\"priority\":" + priority + "," + credentialJson + "}");
  }

  private static String keys(String id, String secret) {
    return "\"awsCredentials\":{\"accessKeyId\":\"" + id + "\",\"secretAccessKey\":\"" + secret + "\"}";
  }

  private HttpResponse<String> post(String path, String body) {
    return relay.send("POST", path, Map.of("content-type", "application/json", "x-api-key", key,
        "anthropic-beta", "context-management-2025-06-27"), body);
  }

  private JsonNode accountView(String id) {
    return RelayNode.json(relay.admin("GET", "/admin/bedrock-accounts/" + id, null).body()).path("data");
  }

  @Test
  void aMessagesRequestIsSignedSentToInvokeModelAndBilledFromTheUsage() {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("content").get(0).path("text").asText()).isEqualTo(Behaviour.ok().text());
    RecordedRequest sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
    assertThat(fake.signatureChecks).containsOnly(true);
    assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
        .contains("/us-east-1/bedrock/aws4_request");
    assertThat(sent.hasHeader("x-api-key")).isFalse();
    var invoke = sent.bodyAsJson();
    assertThat(invoke.getString("anthropic_version")).isEqualTo("bedrock-2023-05-31");
    assertThat(invoke.containsKey("model")).isFalse();
    assertThat(invoke.getJsonArray("anthropic_beta").getList()).containsExactly("context-management-2025-06-27");
    // Sonnet 4.5: 10×3 + 20×15 + 100×3.75 + 200×6 + 300×0.3 = 1,995 micro-dollars.
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.001995");
  }

  @Test
  void aStreamComesBackAsAnthropicSseEventByEventAndIsBilled() {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300).splitEvents());

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE.replace("{\"model\"", "{\"stream\":true,\"model\""));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    assertThat(r.body()).startsWith("event: message_start\ndata: {")
        .contains("event: content_block_delta\ndata: ", "event: message_delta\ndata: ")
        .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
        .doesNotContain("amazon-bedrock-invocationMetrics");
    StringBuilder text = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: ") && line.contains("text_delta"))
        text.append(RelayNode.json(line.substring(6)).path("delta").path("text").asText());
    }
    assertThat(text.toString()).isEqualTo(Behaviour.ok().text());
    assertThat(fake.lastRequest().path()).endsWith("%3A0/invoke-with-response-stream");
    assertThat(fake.lastRequest().header("accept")).isEqualTo("application/vnd.amazon.eventstream");
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.001995");
  }

  @Test
  void throttlingMidStreamBecomesAnAnthropicErrorEvent() {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));
    fake.respondByDefault(Behaviour.ok().errorEventAfter(3));

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE.replace("{\"model\"", "{\"stream\":true,\"model\""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("event: message_start").contains("event: error\ndata: ")
        .contains("\"type\":\"rate_limit_error\"").doesNotContain("event: message_stop");
  }

  @Test
  void theOpenAiCompatibleDoorReachesBedrockAndIsBilled() {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));
    String chat = "{\"model\":\"" + SONNET + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    HttpResponse<String> json = post("/openai/claude/v1/chat/completions", chat);
    HttpResponse<String> stream = post("/openai/claude/v1/chat/completions",
        chat.replace("{\"model\"", "{\"stream\":true,\"model\""));

    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(RelayNode.json(json.body()).path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Behaviour.ok().text());
    assertThat(stream.body()).contains("chat.completion.chunk", "\"finish_reason\":\"stop\"")
        .endsWith("data: [DONE]\n\n");
    assertThat(fake.count("invoke")).isEqualTo(1);
    assertThat(fake.count("invoke-with-response-stream")).isEqualTo(1);
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.003990");
  }

  @Test
  void countTokensGoesToBedrocksCountTokensAndAnswersInAnthropicsShape() {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));

    HttpResponse<String> r = post("/api/v1/messages/count_tokens",
        "{\"model\":\"" + SONNET + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("input_tokens").asInt()).isEqualTo(10);
    assertThat(fake.lastRequest().path()).endsWith("%3A0/count-tokens");
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void aThrottledAccountIsCooledDownAndTheRequestFailsOverToTheNextAccount() {
    start(Map.of());
    fake.withAccessKey("AKIAFAKEBEDROCK00002", "second-secret");
    fake.respondFor(KEY_ID, Behaviour.status(429));
    String throttled = account("bedrock-throttled", 10, keys(KEY_ID, SECRET));
    String healthy = account("bedrock-healthy", 20, keys("AKIAFAKEBEDROCK00002", "second-secret"));

    HttpResponse<String> first = post("/api/v1/messages", MESSAGE);
    HttpResponse<String> second = post("/api/v1/messages", MESSAGE);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    // The throttled account was tried once, then left out while it cools down.
    assertThat(fake.requests()).extracting(q -> q.header("authorization").substring(28, 48))
        .containsExactly(KEY_ID, "AKIAFAKEBEDROCK00002", "AKIAFAKEBEDROCK00002");
    assertThat(accountView(throttled).path("coolingDown").asBoolean()).isTrue();
    assertThat(accountView(throttled).path("coolingReason").asText()).startsWith("rate_limited");
    assertThat(accountView(healthy).path("coolingDown").asBoolean()).isFalse();
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void aServiceQuotaExceeded400IsTheAccountsLimitSoItCoolsDownAndTheNextAccountServes() {
    start(Map.of());
    fake.withAccessKey("AKIAFAKEBEDROCK00002", "second-secret");
    fake.respondFor(KEY_ID, Behaviour.status(400).withHeader("x-amzn-errortype", "ServiceQuotaExceededException"));
    String quota = account("bedrock-quota", 10, keys(KEY_ID, SECRET));
    account("bedrock-next", 20, keys("AKIAFAKEBEDROCK00002", "second-secret"));

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fake.requests()).hasSize(2);
    assertThat(accountView(quota).path("coolingReason").asText()).startsWith("rate_limited");
  }

  @Test
  void accessDeniedCoolsTheAccountDownAsAnAuthErrorAndAValidationErrorIsPassedBack() {
    start(Map.of());
    String denied = account("bedrock-denied", 10, keys(KEY_ID, SECRET));
    fake.enqueueFor(KEY_ID, Behaviour.status(400), Behaviour.status(403));

    HttpResponse<String> invalid = post("/api/v1/messages", MESSAGE);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(RelayNode.json(invalid.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(accountView(denied).path("coolingDown").asBoolean()).isFalse();

    HttpResponse<String> forbidden = post("/api/v1/messages", MESSAGE);
    assertThat(forbidden.statusCode()).isNotEqualTo(200);
    assertThat(accountView(denied).path("coolingDown").asBoolean()).isTrue();
    assertThat(accountView(denied).path("coolingReason").asText()).startsWith("auth");
  }

  @Test
  void aWrongSecretFailsTheFakesSignatureCheckWithBedrocks403() {
    start(Map.of());
    String wrong = account("bedrock-wrong", 10, keys(KEY_ID, "not-the-secret"));

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE);

    assertThat(r.statusCode()).isNotEqualTo(200);
    assertThat(fake.signatureChecks).containsExactly(false);
    assertThat(accountView(wrong).path("coolingReason").asText()).startsWith("auth");
    assertThat(r.body()).doesNotContain("not-the-secret");
  }

  @Test
  void throughTheAccountsProxyTheSignatureStillMatchesTheHostItNames() {
    start(Map.of());
    try (TestHttpProxy proxy = new TestHttpProxy("puser", "proxy-pass")) {
      // A host only the proxy can reach: the request must go through it, signed for that host.
      relay.createBedrockAccount("{\"name\":\"bedrock-proxied\",\"region\":\"us-east-1\",\"endpointUrl\":\""
          + ProxyEndToEndTest.proxyOnly(fake.baseUrl()) + "\",\"proxy\":\"http://puser:proxy-pass@127.0.0.1:"
          + proxy.port() + "\"," + keys(KEY_ID, SECRET) + "}");

      HttpResponse<String> json = post("/api/v1/messages", MESSAGE);
      HttpResponse<String> stream = post("/api/v1/messages",
          MESSAGE.replace("{\"model\"", "{\"stream\":true,\"model\""));

      assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
      assertThat(stream.body()).contains("event: message_stop");
      assertThat(proxy.forwarded()).isEqualTo(2);
      assertThat(fake.signatureChecks).containsExactly(true, true);
      assertThat(fake.lastRequest().hasHeader("proxy-authorization")).isFalse();
    }
  }

  @Test
  void aBedrockApiKeyGoesAsABearerTokenWithoutSigV4() {
    start(Map.of());
    fake.withApiKey("bedrock-api-key-0001");
    account("bedrock-bearer", 10, "\"bearerToken\":\"bedrock-api-key-0001\"");

    HttpResponse<String> r = post("/api/v1/messages", MESSAGE);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer bedrock-api-key-0001");
    assertThat(fake.lastRequest().hasHeader("x-amz-date")).isFalse();
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(1);
  }

  @Test
  void theModelMapAndTheAccountsDefaultModelChooseTheBedrockId() {
    start(Map.of("BEDROCK_MODEL_MAP", SONNET + "=eu.anthropic.claude-sonnet-4-5-20250929-v1:0"));
    relay.createBedrockAccount("{\"name\":\"bedrock-eu\",\"region\":\"us-east-1\",\"endpointUrl\":\"" + fake.baseUrl()
        + "\",\"defaultModel\":\"us.anthropic.claude-haiku-4-5-20251001-v1:0\"," + keys(KEY_ID, SECRET) + "}");

    post("/api/v1/messages", MESSAGE);
    String mapped = fake.lastRequest().path();
    post("/api/v1/messages", MESSAGE.replace(SONNET, "claude-unknown-model"));
    String fallback = fake.lastRequest().path();

    assertThat(mapped).isEqualTo("/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
    assertThat(fallback).isEqualTo("/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke");
  }

  @Test
  void aKeyBoundToABedrockAccountIsServedByItAlone() {
    start(Map.of());
    fake.withAccessKey("AKIAFAKEBEDROCK00002", "second-secret");
    account("bedrock-first", 10, keys(KEY_ID, SECRET));
    String bound = account("bedrock-bound", 90, keys("AKIAFAKEBEDROCK00002", "second-secret"));
    String boundKey = relay.createKey("{\"name\":\"bob\",\"bedrockAccountId\":\"" + bound + "\"}");

    HttpResponse<String> viaBinding = relay.send("POST", "/api/v1/messages",
        Map.of("content-type", "application/json", "x-api-key", boundKey), MESSAGE);
    HttpResponse<String> viaPool = post("/api/v1/messages", MESSAGE);

    assertThat(viaBinding.statusCode()).as(viaBinding.body()).isEqualTo(200);
    assertThat(viaPool.statusCode()).isEqualTo(200);
    assertThat(fake.requests()).extracting(q -> q.header("authorization").substring(28, 48))
        .containsExactly("AKIAFAKEBEDROCK00002", KEY_ID);
  }

  @Test
  void anAccountSignedForAnotherRegionGetsTheCredentialScopeErrorAndIsCooledDownNotRetried() {
    start(Map.of());
    String west = relay.createBedrockAccount("{\"name\":\"bedrock-west\",\"region\":\"us-west-2\",\"endpointUrl\":\""
        + fake.baseUrl() + "\"," + keys(KEY_ID, SECRET) + "}");

    HttpResponse<String> first = post("/api/v1/messages", MESSAGE);
    HttpResponse<String> second = post("/api/v1/messages", MESSAGE);

    assertThat(first.statusCode()).as(first.body()).isNotEqualTo(200);
    assertThat(RelayNode.json(first.body()).path("type").asText()).isEqualTo("error");
    assertThat(RelayNode.json(first.body()).path("error").path("message").asText())
        .contains("HTTP 403", "Credential should be scoped to a valid region.");
    assertThat(fake.lastRequest().header("authorization")).contains("/us-west-2/bedrock/aws4_request");
    assertThat(fake.signatureChecks).containsExactly(false);
    assertThat(accountView(west).path("coolingDown").asBoolean()).isTrue();
    assertThat(accountView(west).path("coolingReason").asText()).startsWith("auth");
    // Cooled down as a configuration problem: the second request is not sent to Bedrock again.
    assertThat(second.statusCode()).isNotEqualTo(200);
    assertThat(fake.requests()).hasSize(1);
    assertThat(first.body() + second.body()).doesNotContain(SECRET);
  }

  @Test
  void aStreamCutMidwayEndsWithAnErrorEventBillsWhatArrivedOnceAndFreesTheLease() throws Exception {
    start(Map.of());
    account("bedrock-1", 10, keys(KEY_ID, SECRET));
    String limited = relay.createKey("{\"name\":\"one-at-a-time\",\"concurrencyLimit\":1}");
    fake.respondByDefault(Behaviour.ok().withUsage(30, 5, 0, 0, 0).cutAfter(3));
    Map<String, String> headers = Map.of("content-type", "application/json", "x-api-key", limited);

    HttpResponse<String> r = relay.send("POST", "/api/v1/messages", headers,
        MESSAGE.replace("{\"model\"", "{\"stream\":true,\"model\""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("event: message_start").contains("event: error\ndata: ")
        .doesNotContain("event: message_stop");
    JsonNode total = relay.totals(limited);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(30);
    // The key's single concurrency slot is free again.
    fake.respondByDefault(Behaviour.ok());
    ClaudeRelayEndToEndTest
        .awaitUntil(() -> relay.send("POST", "/api/v1/messages", headers, MESSAGE).statusCode() == 200);
  }
}
