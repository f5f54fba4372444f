package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeGeminiServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini pass-through over real HTTP: generateContent, streamGenerateContent (SSE and JSON array),
 * countTokens and the model list, with the relay key in {@code x-goog-api-key} or {@code ?key=},
 * billed from {@code usageMetadata}, errors in the Gemini shape.
 */
class GeminiRelayEndToEndTest {
  static final String BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
  /** gemini-2.5-flash: $0.30 in, $2.50 out, $0.03 cached per million: 1000×0.3 + 2000×0.03 + 400×2.5 = 1,360 micro-dollars. */
  static final Behaviour USAGE = Behaviour.ok().withUsage(1000, 400, 0, 0, 2000);

  private FakeGeminiServer fake;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    fake = new FakeGeminiServer();
    fake.respondByDefault(USAGE);
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    relay.close();
    fake.close();
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("content-type", "application/json");
    return relay.send("POST", path, all, body);
  }

  @Test
  void generateContentIsRelayedWithTheAccountKeyAndBilledFromUsageMetadata() {
    relay.createGeminiAccount("g", fake.baseUrl(), "AIza-account-g", 10);
    String key = relay.createKey("{\"name\":\"alice\"}");

    HttpResponse<String> r = post("/gemini/v1beta/models/gemini-2.5-flash:generateContent",
        Map.of("x-goog-api-key", key), BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(
        RelayNode.json(r.body()).path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
        .isEqualTo(Behaviour.ok().text());
    RecordedRequest upstream = fake.lastRequest();
    assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(upstream.header("x-goog-api-key")).isEqualTo("AIza-account-g");
    assertThat(upstream.bodyAsString()).isEqualTo(BODY);
    JsonNode total = relay.totals(key);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(2000);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(400);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.00136");
  }

  @Test
  void anSseStreamWithTheKeyInTheQueryIsRelayedUnchangedAndTheKeyIsNotForwarded() {
    relay.createGeminiAccount("g", fake.baseUrl(), "AIza-account-g", 10);
    String key = relay.createKey("{\"name\":\"bob\"}");

    HttpResponse<String> r = post("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=" + key,
        Map.of(),
        BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body()).startsWith("data: {").contains("\"finishReason\":\"STOP\"");
    RecordedRequest upstream = fake.lastRequest();
    assertThat(upstream.query()).isEqualTo("alt=sse");
    assertThat(upstream.toString() + upstream.headers()).doesNotContain(key);
    JsonNode total = relay.totals(key);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(400);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.00136");
  }

  @Test
  void aJsonArrayStreamIsRelayedAndBilledFromItsLastElement() {
    relay.createGeminiAccount("g", fake.baseUrl(), "AIza-account-g", 10);
    String key = relay.createKey("{\"name\":\"carol\"}");

    HttpResponse<String> r = post("/gemini/v1/models/gemini-2.5-flash:streamGenerateContent",
        Map.of("x-goog-api-key", key),
        BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).isArray()).isTrue();
    assertThat(fake.lastRequest().path()).isEqualTo("/v1/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.00136");
  }

  @Test
  void countTokensPassesThroughUnbilled() {
    relay.createGeminiAccount("g", fake.baseUrl(), "AIza-account-g", 10);
    String key = relay.createKey("{\"name\":\"dave\"}");

    HttpResponse<String> r = post("/gemini/v1beta/models/gemini-2.5-flash:countTokens", Map.of("x-goog-api-key", key),
        BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("totalTokens").asInt()).isEqualTo(3000);
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void theModelListComesInTheGeminiFormatWithoutTheKeysBlockedModels() {
    String key = relay
        .createKey("{\"name\":\"erin\",\"enableModelRestriction\":true,\"restrictedModels\":[\"gemini-2.5-pro\"]}");

    HttpResponse<String> r = relay.send("GET", "/gemini/v1beta/models?key=" + key, Map.of(), null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode models = RelayNode.json(r.body()).path("models");
    assertThat(models.findValuesAsText("name")).contains("models/gemini-2.5-flash")
        .doesNotContain("models/gemini-2.5-pro");
  }

  @Test
  void refusalsUseTheGeminiErrorShape() {
    String claudeOnly = relay.createKey("{\"name\":\"c\",\"permissions\":[\"claude\"]}");

    HttpResponse<String> missing = post("/gemini/v1beta/models/gemini-2.5-flash:generateContent", Map.of(), BODY);
    HttpResponse<String> denied = post("/gemini/v1beta/models/gemini-2.5-flash:generateContent",
        Map.of("x-goog-api-key", claudeOnly), BODY);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(RelayNode.json(missing.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(denied.statusCode()).isEqualTo(403);
    JsonNode error = RelayNode.json(denied.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(403);
    assertThat(error.path("status").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void anUpstreamRateLimitFailsOverAndAnExhaustedPoolAnswersInTheGeminiShape() {
    fake.respondFor("AIza-limited", Behaviour.rateLimited(30));
    relay.createGeminiAccount("limited", fake.baseUrl(), "AIza-limited", 1);
    String key = relay.createKey("{\"name\":\"frank\"}");

    HttpResponse<String> r = post("/gemini/v1beta/models/gemini-2.5-flash:generateContent",
        Map.of("x-goog-api-key", key), BODY);

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(RelayNode.json(r.body()).path("error").path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void theUnifiedRouteSendsGeminiModelsToGoogleOpenAiCompatibleEndpoint() {
    relay.createGeminiAccount("g", fake.baseUrl(), "AIza-account-g", 10);
    String key = relay.createKey("{\"name\":\"gina\"}");

    HttpResponse<String> r = post("/api/v1/chat/completions", Map.of("authorization", "Bearer " + key),
        "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("object").asText()).isEqualTo("chat.completion");
    assertThat(fake.lastRequest().path()).isEqualTo("/v1beta/openai/chat/completions");
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer AIza-account-g");
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.00136");
  }
}
