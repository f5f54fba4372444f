package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeOpenAiServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI pass-through over real HTTP: Chat Completions and Responses, JSON and streams, relayed
 * with the account's key, billed from the upstream's usage (cached tokens as cache reads), and
 * errors in the OpenAI shape.
 */
class OpenAiRelayEndToEndTest {
  static final String CHAT = "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String CHAT_STREAM = "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String RESPONSES = "{\"model\":\"gpt-4.1\",\"input\":\"Hi\"}";
  /** gpt-4.1: $2 in, $8 out, $0.50 cached per million: 1000×2 + 2000×0.5 + 500×8 = 7,000 micro-dollars. */
  static final Behaviour USAGE = Behaviour.ok().withUsage(1000, 500, 0, 0, 2000);

  private FakeOpenAiServer fake;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    fake = new FakeOpenAiServer();
    fake.respondByDefault(USAGE);
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    relay.close();
    fake.close();
  }

  private HttpResponse<String> post(String path, String key, String body) {
    return relay.send("POST", path, Map.of("content-type", "application/json", "authorization", "Bearer " + key), body);
  }

  private static String normaliseIds(String body) {
    return body.replaceAll("(chatcmpl-|resp_|msg_)[a-f0-9]+", "$1X");
  }

  @Test
  void chatCompletionIsRelayedUnchangedWithTheAccountKeyAndCachedTokensBilledAsCacheReads() {
    relay.createOpenAiAccount("a", fake.baseUrl(), "sk-openai-a", 10);
    String key = relay.createKey("{\"name\":\"alice\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3000);
    RecordedRequest upstream = fake.lastRequest();
    assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
    assertThat(upstream.header("authorization")).isEqualTo("Bearer sk-openai-a");
    assertThat(upstream.bodyAsString()).isEqualTo(CHAT);
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(2000);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(500);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.007");
  }

  @Test
  void aStreamWithoutIncludeUsageIsBilledButTheClientNeverSeesTheUsageChunk() {
    relay.createOpenAiAccount("a", fake.baseUrl(), "sk-openai-a", 10);
    String key = relay.createKey("{\"name\":\"bob\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT_STREAM);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(fake.lastRequest().bodyAsJson().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n")
        .doesNotContain("\"choices\":[]").doesNotContain("\"prompt_tokens\"");
    JsonNode total = relay.totals(key);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(500);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.007");
  }

  @Test
  void aStreamThatAskedForUsageIsRelayedUnchangedWithItsUsageChunk() {
    relay.createOpenAiAccount("a", fake.baseUrl(), "sk-openai-a", 10);
    String key = relay.createKey("{\"name\":\"carol\"}");
    String asked = CHAT_STREAM.replace("\"stream\":true",
        "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

    HttpResponse<String> viaRelay = post("/openai/v1/chat/completions", key, asked);
    String direct = fakeDirect("/v1/chat/completions", asked);

    assertThat(normaliseIds(viaRelay.body())).isEqualTo(normaliseIds(direct));
    assertThat(viaRelay.body()).contains("\"choices\":[]", "\"prompt_tokens\":3000");
    assertThat(fake.requests().get(0).bodyAsString()).isEqualTo(asked);
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.007");
  }

  @Test
  void responsesJsonAndStreamAreRelayedOnBothPathsAndBilledFromUsageAndResponseCompleted() {
    relay.createOpenAiAccount("a", fake.baseUrl() + "/v1", "sk-openai-a", 10);
    String key = relay.createKey("{\"name\":\"dave\"}");

    HttpResponse<String> json = post("/openai/v1/responses", key, RESPONSES);
    HttpResponse<String> stream = post("/openai/responses", key, RESPONSES.replace("{", "{\"stream\":true,"));

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(RelayNode.json(json.body()).path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo(Behaviour.ok().text());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("event: response.output_text.delta", "event: response.completed");
    assertThat(fake.requests()).extracting(RecordedRequest::path).containsOnly("/v1/responses");
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(2);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(2000);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(4000);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.014");
  }

  @Test
  void aKeyWithoutTheOpenAiPermissionGets403InTheOpenAiShape() {
    relay.createOpenAiAccount("a", fake.baseUrl(), "sk-openai-a", 10);
    String claudeOnly = relay.createKey("{\"name\":\"c\",\"permissions\":[\"claude\"]}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", claudeOnly, CHAT);

    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode error = RelayNode.json(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("permission_error");
    assertThat(error.path("code").asText()).isEqualTo("permission_denied");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void aMissingKeyGets401InTheOpenAiShape() {
    HttpResponse<String> r = relay.send("POST", "/openai/v1/responses", Map.of("content-type", "application/json"),
        RESPONSES);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(RelayNode.json(r.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void failsOverToTheSecondOpenAiAccountAndCoolsTheFirstDown() {
    fake.respondFor("sk-openai-broken", Behaviour.status(500));
    relay.createOpenAiAccount("first", fake.baseUrl(), "sk-openai-broken", 1);
    relay.createOpenAiAccount("second", fake.baseUrl(), "sk-openai-good", 2);
    String key = relay.createKey("{\"name\":\"erin\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fake.requests()).extracting(q -> q.header("authorization"))
        .containsExactly("Bearer sk-openai-broken", "Bearer sk-openai-good");
    JsonNode accounts = RelayNode.json(relay.admin("GET", "/admin/openai-responses-accounts", null).body())
        .path("data");
    assertThat(accounts).hasSize(2);
    for (JsonNode a : accounts) {
      assertThat(a.path("coolingDown").asBoolean()).isEqualTo(a.path("name").asText().equals("first"));
      assertThat(a.path("platform").asText()).isEqualTo("openai");
      assertThat(a.path("baseApi").asText()).isEqualTo(fake.baseUrl());
    }
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(1);
  }

  @Test
  void anUpstreamBadRequestComesBackInTheOpenAiShapeWithoutFailover() {
    fake.respondByDefault(Behaviour.error(400, "invalid_request_error", "Unsupported parameter: 'foo'."));
    relay.createOpenAiAccount("first", fake.baseUrl(), "sk-openai-a", 1);
    relay.createOpenAiAccount("second", fake.baseUrl(), "sk-openai-b", 2);
    String key = relay.createKey("{\"name\":\"frank\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = RelayNode.json(r.body()).path("error");
    assertThat(error.path("message").asText()).isEqualTo("Unsupported parameter: 'foo'.");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(fake.requests()).hasSize(1);
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void theUnifiedRouteSendsGptModelsToOpenAiAccounts() {
    relay.createOpenAiAccount("a", fake.baseUrl(), "sk-openai-a", 10);
    String key = relay.createKey("{\"name\":\"gina\"}");

    HttpResponse<String> r = post("/api/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.007");
  }

  private String fakeDirect(String path, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(fake.baseUrl() + path)).header("authorization", "Bearer sk-openai-a")
          .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
          .build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
