package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeGoogleTokenEndpoint;
import io.clauderelay.server.fake.FakeVertexServer;
import io.clauderelay.server.fake.RecordedRequest;
import io.clauderelay.server.fake.TestHttpProxy;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude on Vertex AI over real HTTP: a service account's key file is exchanged at a fake Google
 * token endpoint (which verifies the RS256 assertion with the key pair's public key) for an access
 * token the fake Vertex checks; Messages JSON and SSE and the OpenAI-compatible door reach
 * rawPredict / streamRawPredict with anthropic_version and no model, billed from the usage; the
 * token is fetched once and reused, fetched again when near its expiry; a 429 fails over in the
 * Claude pool and cools the account down; a region the project is not served in gets Vertex's 404,
 * and a stream cut mid-way ends in an error event, billed once, the lease freed.
 */
class VertexEndToEndTest {
  static final String SONNET = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String VERTEX_SONNET = "claude-sonnet-4-5@20250929";
  /** claude-sonnet-4-5: $3 in, $15 out per million: 1000×3 + 200×15 = 6,000 µ$. */
  static final Behaviour USAGE = Behaviour.ok().withUsage(1000, 200, 0, 0, 0);

  private FakeGoogleTokenEndpoint google;
  private FakeVertexServer vertex;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    google = new FakeGoogleTokenEndpoint();
    vertex = new FakeVertexServer(google);
    vertex.respondByDefault(USAGE);
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    relay.close();
    vertex.close();
    google.close();
  }

  private String createVertex(String name, String email, int priority) {
    ObjectNode body = RelayNode.JSON.createObjectNode().put("name", name)
        .put("serviceAccountJson", google.newKeyFile(email, "relay-test")).put("region", "us-east5")
        .put("apiUrl", vertex.baseUrl()).put("priority", priority);
    body.putObject("supportedModels").put("claude-sonnet-4-5", VERTEX_SONNET);
    HttpResponse<String> r = relay.admin("POST", "/admin/vertex-accounts", body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data").path("id").asText();
  }

  @Test
  void messagesJsonAndStreamReachRawPredictWithTheVertexBodyAndOneTokenServesBoth() {
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"alice\"}");

    HttpResponse<String> json = relay.post("/api/v1/messages", key, SONNET);
    HttpResponse<String> stream = relay.post("/api/v1/messages", key, SONNET.replace("{", "{\"stream\":true,"));

    assertThat(json.statusCode()).as(json.body() + google.refusals()).isEqualTo(200);
    JsonNode message = RelayNode.json(json.body());
    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo(Behaviour.ok().text());
    assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(stream.body()).contains("event: message_start", "event: content_block_delta", "event: message_stop");
    String base = "/v1/projects/relay-test/locations/us-east5/publishers/anthropic/models/" + VERTEX_SONNET;
    assertThat(vertex.requests()).extracting(RecordedRequest::path).containsExactly(base + ":rawPredict",
        base + ":streamRawPredict");
    for (RecordedRequest upstream : vertex.requests()) {
      JsonObject sent = upstream.bodyAsJson();
      assertThat(sent.getString("anthropic_version")).isEqualTo("vertex-2023-10-16");
      assertThat(sent.containsKey("model")).isFalse();
      assertThat(sent.getInteger("max_tokens")).isEqualTo(16);
      assertThat(upstream.header("authorization")).startsWith("Bearer ya29.fake-");
      assertThat(upstream.hasHeader("x-api-key")).isFalse();
    }
    assertThat(google.refusals()).as("every assertion was a valid RS256 JWT").isEmpty();
    assertThat(google.calls()).as("the token is fetched once and reused").isEqualTo(1);
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(2);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(2000);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(400);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.012");
  }

  @Test
  void anAnthropicDatedModelWithoutAMappingIsSentAsVertexNamesIt() {
    ObjectNode body = RelayNode.JSON.createObjectNode().put("name", "unmapped")
        .put("serviceAccountJson", google.newKeyFile("relay@relay-test.iam.gserviceaccount.com", "relay-test"))
        .put("apiUrl", vertex.baseUrl());
    assertThat(relay.admin("POST", "/admin/vertex-accounts", body.toString()).statusCode()).isEqualTo(200);
    String key = relay.createKey("{\"name\":\"hank\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key,
        SONNET.replace("claude-sonnet-4-5", "claude-haiku-4-5-20251001"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(vertex.lastRequest().path())
        .endsWith("/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict");
    // claude-haiku-4-5: $1 in, $5 out per million: 1000×1 + 200×5 = 2,000 µ$.
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.002");
  }

  @Test
  void aTokenCountGoesToVertexsCountTokensModelAndIsNotBilled() {
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"frank\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages/count_tokens", key, SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("input_tokens").asInt()).isEqualTo(1000);
    RecordedRequest upstream = vertex.lastRequest();
    assertThat(upstream.path())
        .isEqualTo("/v1/projects/relay-test/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict");
    assertThat(upstream.bodyAsJson().getString("model")).as("the mapped Vertex model").isEqualTo(VERTEX_SONNET);
    assertThat(upstream.bodyAsJson().getString("anthropic_version")).isEqualTo("vertex-2023-10-16");
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void concurrentFirstRequestsShareOneTokenFetch() throws Exception {
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"gina\"}");
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(relay.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relay.base()
          + "/api/v1/messages")).header("content-type", "application/json").header("x-api-key", key)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(SONNET)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (var f : all) assertThat(f.get().statusCode()).isEqualTo(200);

    assertThat(google.calls()).as("six requests, one token fetch").isEqualTo(1);
    assertThat(vertex.requests()).hasSize(6);
  }

  @Test
  void theOpenAiCompatibleDoorIsTranslatedAndServedByVertex() {
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"bob\"}");
    String chat = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    HttpResponse<String> r = relay.send("POST", "/openai/claude/v1/chat/completions",
        Map.of("content-type", "application/json", "authorization", "Bearer " + key), chat);
    HttpResponse<String> s = relay.send("POST", "/openai/claude/v1/chat/completions",
        Map.of("content-type", "application/json", "authorization", "Bearer " + key),
        chat.replace("{", "{\"stream\":true,"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo(Behaviour.ok().text());
    assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
    assertThat(s.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
    assertThat(vertex.requests()).extracting(RecordedRequest::path).allSatisfy(p -> assertThat(p)
        .startsWith("/v1/projects/relay-test/locations/us-east5/publishers/anthropic/models/" + VERTEX_SONNET));
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.012");
  }

  @Test
  void aTokenNearItsExpiryIsFetchedAgainBeforeTheNextRequest() {
    // Shorter than the five minutes ahead of expiry at which a token is replaced: every request needs a new one.
    google.expiresIn(120);
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"carol\"}");

    assertThat(relay.post("/api/v1/messages", key, SONNET).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", key, SONNET).statusCode()).isEqualTo(200);
    assertThat(google.calls()).isEqualTo(2);

    google.expiresIn(3600);
    assertThat(relay.post("/api/v1/messages", key, SONNET).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", key, SONNET).statusCode()).isEqualTo(200);
    assertThat(google.calls()).as("a fresh hour-long token is reused").isEqualTo(3);
    List<String> sent = vertex.requests().stream().map(q -> q.header("authorization")).toList();
    assertThat(sent).hasSize(4);
    assertThat(sent.subList(0, 3)).as("a new token for each short-lived one").doesNotHaveDuplicates();
    assertThat(sent.get(3)).as("the hour-long token is reused").isEqualTo(sent.get(2));
  }

  @Test
  void theTokenRequestAndTheCallsTakeTheAccountsProxy() {
    try (TestHttpProxy proxy = new TestHttpProxy("puser", "proxy-pass")) {
      // Names only the test proxy resolves: a direct connection could not reach either.
      String tokenUri = ProxyEndToEndTest.proxyOnly(google.tokenUri());
      ObjectNode body = RelayNode.JSON.createObjectNode().put("name", "proxied")
          .put("serviceAccountJson", google.newKeyFile("proxied@relay-test.iam.gserviceaccount.com", "relay-test",
              tokenUri))
          .put("apiUrl", ProxyEndToEndTest.proxyOnly(vertex.baseUrl()))
          .put("proxy", "http://puser:proxy-pass@127.0.0.1:" + proxy.port());
      body.putObject("supportedModels").put("claude-sonnet-4-5", VERTEX_SONNET);
      HttpResponse<String> created = relay.admin("POST", "/admin/vertex-accounts", body.toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String key = relay.createKey("{\"name\":\"erin\"}");

      HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET);

      assertThat(r.statusCode()).as(r.body() + google.refusals()).isEqualTo(200);
      assertThat(proxy.uris()).as("the token request, then the call").hasSize(2)
          .satisfies(u -> assertThat(u.get(0)).isEqualTo(tokenUri))
          .satisfies(u -> assertThat(u.get(1)).contains(":rawPredict"));
      assertThat(proxy.refused()).isZero();
    }
  }

  @Test
  void aTokenRevokedBeforeItsExpiryIsReplacedAndTheRequestServedWithoutACoolDown() {
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"jack\"}");
    assertThat(relay.post("/api/v1/messages", key, SONNET).statusCode()).isEqualTo(200);
    google.revokeAll();

    HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(google.calls()).as("one new token after the 401").isEqualTo(2);
    List<String> sent = vertex.requests().stream().map(q -> q.header("authorization")).toList();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1)).as("the revoked token, refused").isEqualTo(sent.get(0));
    assertThat(sent.get(2)).isNotEqualTo(sent.get(1));
    JsonNode account = RelayNode.json(relay.admin("GET", "/admin/vertex-accounts", null).body()).path("data").get(0);
    assertThat(account.path("coolingDown").asBoolean()).isFalse();
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void anAccountWhoseKeyIsRefusedAtTheTokenEndpointFailsOverWithoutShowingTheKey() {
    createVertex("deleted-key", "gone@relay-test.iam.gserviceaccount.com", 1);
    createVertex("good", "good@relay-test.iam.gserviceaccount.com", 2);
    google.deleteKey("gone@relay-test.iam.gserviceaccount.com");
    String key = relay.createKey("{\"name\":\"ivy\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(google.refusals()).singleElement().asString().contains("unknown service account");
    assertThat(vertex.requests()).as("only the good account reached Vertex").hasSize(1);
    JsonNode accounts = RelayNode.json(relay.admin("GET", "/admin/vertex-accounts", null).body()).path("data");
    for (JsonNode a : accounts) {
      assertThat(a.path("coolingDown").asBoolean()).isEqualTo(a.path("name").asText().equals("deleted-key"));
    }
    assertThat(accounts.toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void a429FailsOverToAnotherAccountInTheClaudePoolAndCoolsTheFirstDown() {
    vertex.respondFor("first@relay-test.iam.gserviceaccount.com", Behaviour.rateLimited(30));
    createVertex("first", "first@relay-test.iam.gserviceaccount.com", 1);
    createVertex("second", "second@relay-test.iam.gserviceaccount.com", 2);
    String key = relay.createKey("{\"name\":\"dave\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET);
    HttpResponse<String> again = relay.post("/api/v1/messages", key, SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(vertex.requests()).hasSize(3);
    JsonNode accounts = RelayNode.json(relay.admin("GET", "/admin/vertex-accounts", null).body()).path("data");
    assertThat(accounts).hasSize(2);
    for (JsonNode a : accounts) {
      assertThat(a.path("platform").asText()).isEqualTo("vertex");
      assertThat(a.path("coolingDown").asBoolean()).isEqualTo(a.path("name").asText().equals("first"));
    }
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void theAdminApiRefusesABadKeyFileShowsOnlyTheAccountsEmailAndTestsIt() {
    HttpResponse<String> bad = relay.admin("POST", "/admin/vertex-accounts",
        "{\"name\":\"x\",\"serviceAccountJson\":\"{\\\"type\\\":\\\"service_account\\\"}\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("serviceAccountJson");
    String id = createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);

    JsonNode shown = RelayNode.json(relay.admin("GET", "/admin/vertex-accounts/" + id, null).body()).path("data");
    assertThat(shown.path("projectId").asText()).as("from the key file").isEqualTo("relay-test");
    assertThat(shown.path("region").asText()).isEqualTo("us-east5");
    assertThat(shown.path("serviceAccountEmail").asText()).isEqualTo("relay@relay-test.iam.gserviceaccount.com");
    assertThat(shown.toString()).doesNotContain("PRIVATE KEY");
    HttpResponse<String> moved = relay.admin("PUT", "/admin/vertex-accounts/" + id, "{\"region\":\"europe-west1\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    HttpResponse<String> test = relay.admin("POST", "/admin/vertex-accounts/" + id + "/test", "{}");

    assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
    JsonNode result = RelayNode.json(test.body()).path("data");
    assertThat(result.path("ok").asBoolean()).as(test.body()).isTrue();
    assertThat(result.path("text").asText()).isEqualTo(Behaviour.ok().text());
    assertThat(vertex.lastRequest().path()).isEqualTo(
        "/v1/projects/relay-test/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
    assertThat(vertex.lastRequest().bodyAsJson().getInteger("max_tokens")).isEqualTo(1);
    assertThat(test.body()).doesNotContain("ya29.");
  }

  @Test
  void aRegionTheProjectIsNotServedInGetsVertexs404AsAClearErrorAndTheClientIsToldSo() {
    vertex.servesOnly("relay-test", "europe-west1");
    createVertex("vertex-wrong-region", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"frank\"}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
    assertThat(body.path("error").path("message").asText()).contains("Publisher Model", "not found");
    assertThat(vertex.lastRequest().path()).contains("/locations/us-east5/");
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void aStreamCutMidwayEndsWithAnErrorEventBillsWhatArrivedOnceAndFreesTheLease() throws Exception {
    vertex.respondByDefault(Behaviour.ok().withUsage(1000, 200, 0, 0, 0).cutAfter(3));
    createVertex("vertex", "relay@relay-test.iam.gserviceaccount.com", 10);
    String key = relay.createKey("{\"name\":\"grace\",\"concurrencyLimit\":1}");

    HttpResponse<String> r = relay.post("/api/v1/messages", key, SONNET.replace("{", "{\"stream\":true,"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("event: message_start").contains("event: error\ndata: ")
        .doesNotContain("event: message_stop");
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
    vertex.respondByDefault(USAGE);
    ClaudeRelayEndToEndTest.awaitUntil(() -> relay.post("/api/v1/messages", key, SONNET).statusCode() == 200);
  }
}
