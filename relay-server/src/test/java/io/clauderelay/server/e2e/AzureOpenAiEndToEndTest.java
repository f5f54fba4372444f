package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAzureOpenAiServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI accounts over real HTTP against a fake Azure resource that checks the key, the
 * deployment path and the API version: Chat Completions and Responses, JSON and streams, billed
 * from the usage Azure reports; a 429 fails over and cools the account down; a content-filter 400
 * comes back as Azure said it; a refused key and an unknown deployment get Azure's 401 and 404, and
 * cut streams OpenAI's stream errors; the admin API creates, shows (never the key), edits and tests them.
 */
class AzureOpenAiEndToEndTest {
  static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String RESPONSES = "{\"model\":\"gpt-4o\",\"input\":\"Hi\"}";
  /** gpt-4o-2024-08-06: $2.50 in, $10 out, $1.25 cached per million: 1000×2.5 + 2000×1.25 + 500×10 = 10,000 µ$. */
  static final Behaviour USAGE = Behaviour.ok().withUsage(1000, 500, 0, 0, 2000);

  private FakeAzureOpenAiServer azure;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    azure = new FakeAzureOpenAiServer();
    azure.deploy("gpt4o-prod", "gpt-4o-2024-08-06").acceptKey("azure-key-a").acceptKey("azure-key-b");
    azure.respondByDefault(USAGE);
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    relay.close();
    azure.close();
  }

  private String createAzure(String name, String apiKey, int priority) {
    HttpResponse<String> r = relay.admin("POST", "/admin/azure-openai-accounts", "{\"name\":\"" + name
        + "\",\"azureEndpoint\":\"" + azure.baseUrl() + "\",\"deploymentName\":\"gpt4o-prod\",\"apiVersion\":\""
        + FakeAzureOpenAiServer.API_VERSION + "\",\"apiKey\":\"" + apiKey + "\",\"priority\":" + priority + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data").path("id").asText();
  }

  private HttpResponse<String> post(String path, String key, String body) {
    return relay.send("POST", path, Map.of("content-type", "application/json", "authorization", "Bearer " + key), body);
  }

  @Test
  void chatCompletionsJsonAndStreamGoToTheDeploymentWithTheKeyAndAreBilled() {
    createAzure("azure", "azure-key-a", 10);
    String key = relay.createKey("{\"name\":\"alice\"}");

    HttpResponse<String> json = post("/openai/v1/chat/completions", key, CHAT);
    HttpResponse<String> stream = post("/openai/v1/chat/completions", key, CHAT.replace("{", "{\"stream\":true,"));

    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(RelayNode.json(json.body()).path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(stream.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
    for (RecordedRequest upstream : azure.requests()) {
      assertThat(upstream.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
      assertThat(upstream.query()).isEqualTo("api-version=" + FakeAzureOpenAiServer.API_VERSION);
      assertThat(upstream.header("api-key")).isEqualTo("azure-key-a");
      assertThat(upstream.hasHeader("authorization")).as("the client's key never goes upstream").isFalse();
    }
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(2);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(2000);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(4000);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(1000);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.02");
  }

  @Test
  void responsesJsonAndStreamNameTheDeploymentAsModelAndTheUnifiedRouteReachesAzure() {
    createAzure("azure", "azure-key-a", 10);
    String key = relay.createKey("{\"name\":\"bob\"}");

    HttpResponse<String> json = post("/openai/v1/responses", key, RESPONSES);
    HttpResponse<String> stream = post("/openai/responses", key, RESPONSES.replace("{", "{\"stream\":true,"));
    HttpResponse<String> unified = post("/api/v1/chat/completions", key, CHAT);

    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(RelayNode.json(json.body()).path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo(Behaviour.ok().text());
    assertThat(stream.body()).contains("event: response.output_text.delta", "event: response.completed");
    assertThat(unified.statusCode()).as(unified.body()).isEqualTo(200);
    assertThat(azure.requests()).extracting(RecordedRequest::path).containsExactly("/openai/responses",
        "/openai/responses", "/openai/deployments/gpt4o-prod/chat/completions");
    assertThat(azure.requests().get(0).bodyAsJson().getString("model")).isEqualTo("gpt4o-prod");
    assertThat(azure.requests().get(0).bodyAsJson().getString("input")).isEqualTo("Hi");
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(3);
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.03");
  }

  @Test
  void a429FailsOverToTheNextAzureAccountAndCoolsTheFirstDown() {
    azure.respondFor("azure-key-a", Behaviour.rateLimited(30));
    createAzure("first", "azure-key-a", 1);
    createAzure("second", "azure-key-b", 2);
    String key = relay.createKey("{\"name\":\"carol\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);
    HttpResponse<String> again = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(azure.requests()).extracting(q -> q.header("api-key"))
        .as("the cooled-down account is not asked again").containsExactly("azure-key-a", "azure-key-b", "azure-key-b");
    JsonNode accounts = RelayNode.json(relay.admin("GET", "/admin/azure-openai-accounts", null).body()).path("data");
    assertThat(accounts).hasSize(2);
    for (JsonNode a : accounts) {
      assertThat(a.path("platform").asText()).isEqualTo("azure-openai");
      assertThat(a.path("coolingDown").asBoolean()).isEqualTo(a.path("name").asText().equals("first"));
    }
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void aContentFilter400ComesBackAsAzureSaidItWithoutFailoverOrCharge() {
    azure.respondByDefault(FakeAzureOpenAiServer.contentFiltered());
    createAzure("first", "azure-key-a", 1);
    createAzure("second", "azure-key-b", 2);
    String key = relay.createKey("{\"name\":\"dave\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RelayNode.json(r.body()).path("error").path("message").asText())
        .contains("content management policy");
    assertThat(azure.requests()).hasSize(1);
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void theAdminApiShowsEditsAndTestsAnAzureAccountButNeverItsKey() {
    HttpResponse<String> missing = relay.admin("POST", "/admin/azure-openai-accounts",
        "{\"name\":\"x\",\"azureEndpoint\":\"" + azure.baseUrl() + "\",\"apiKey\":\"azure-key-a\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("deploymentName");
    String id = createAzure("azure", "azure-key-a", 10);

    JsonNode shown = RelayNode.json(relay.admin("GET", "/admin/azure-openai-accounts/" + id, null).body())
        .path("data");
    assertThat(shown.path("azureEndpoint").asText()).isEqualTo(azure.baseUrl());
    assertThat(shown.path("deploymentName").asText()).isEqualTo("gpt4o-prod");
    assertThat(shown.path("apiVersion").asText()).isEqualTo(FakeAzureOpenAiServer.API_VERSION);
    assertThat(shown.toString()).doesNotContain("azure-key-a");

    azure.deploy("mini", "gpt-4o-mini-2024-07-18");
    HttpResponse<String> edited = relay.admin("PUT", "/admin/azure-openai-accounts/" + id,
        "{\"deploymentName\":\"mini\",\"apiKey\":\"\"}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    HttpResponse<String> test = relay.admin("POST", "/admin/azure-openai-accounts/" + id + "/test", "{}");

    assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
    JsonNode result = RelayNode.json(test.body()).path("data");
    assertThat(result.path("ok").asBoolean()).as(test.body()).isTrue();
    assertThat(result.path("text").asText()).isEqualTo(Behaviour.ok().text());
    RecordedRequest probe = azure.lastRequest();
    assertThat(probe.path()).as("the edit took").isEqualTo("/openai/deployments/mini/chat/completions");
    assertThat(probe.header("api-key")).as("an empty apiKey keeps the stored one").isEqualTo("azure-key-a");
    assertThat(probe.bodyAsJson().getInteger("max_tokens")).isEqualTo(1);
  }

  @Test
  void aKeyAzureRefusesGetsItsA401CoolsTheAccountDownAsAuthAndNeverShowsTheKey() {
    createAzure("revoked", "azure-key-revoked", 1);
    String key = relay.createKey("{\"name\":\"erin\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);
    HttpResponse<String> again = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isNotEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("error").path("message").asText()).isNotEmpty();
    assertThat(r.body() + again.body()).doesNotContain("azure-key-revoked");
    JsonNode account = RelayNode.json(relay.admin("GET", "/admin/azure-openai-accounts", null).body()).path("data")
        .get(0);
    assertThat(account.path("coolingDown").asBoolean()).isTrue();
    assertThat(account.path("coolingReason").asText()).startsWith("auth");
    assertThat(azure.requests()).as("the refused account is not asked again").hasSize(1);
  }

  @Test
  void aDeploymentTheResourceDoesNotHaveGetsAzures404DeploymentNotFound() {
    HttpResponse<String> created = relay.admin("POST", "/admin/azure-openai-accounts", "{\"name\":\"typo\","
        + "\"azureEndpoint\":\"" + azure.baseUrl() + "\",\"deploymentName\":\"gpt4o-prdo\",\"apiVersion\":\""
        + FakeAzureOpenAiServer.API_VERSION + "\",\"apiKey\":\"azure-key-a\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String key = relay.createKey("{\"name\":\"fred\"}");

    HttpResponse<String> r = post("/openai/v1/chat/completions", key, CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(RelayNode.json(r.body()).path("error").path("message").asText())
        .isEqualTo("The API deployment for this resource does not exist.");
    assertThat(azure.lastRequest().path()).isEqualTo("/openai/deployments/gpt4o-prdo/chat/completions");
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
  }

  @Test
  void aStreamCutMidwayEndsWithOpenAisStreamErrorAndFreesTheLease() throws Exception {
    azure.respondByDefault(USAGE.cutAfter(2));
    createAzure("azure", "azure-key-a", 10);
    String key = relay.createKey("{\"name\":\"gina\",\"concurrencyLimit\":1}");

    HttpResponse<String> chat = post("/openai/v1/chat/completions", key,
        CHAT.replace("{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},"));
    HttpResponse<String> responses = post("/openai/v1/responses", key, RESPONSES.replace("{", "{\"stream\":true,"));

    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(chat.body()).contains("chat.completion.chunk").contains("data: {\"error\":{")
        .contains("\"type\":\"api_error\"").doesNotContain("\"finish_reason\":\"stop\"").doesNotContain("[DONE]");
    assertThat(responses.statusCode()).isEqualTo(200);
    assertThat(responses.body()).contains("event: response.created").contains("event: error\ndata: ")
        .doesNotContain("event: response.completed");
    // OpenAI streams report usage only at their end, which neither cut stream reached: nothing is billed.
    assertThat(relay.totals(key).path("requests").asLong()).isZero();
    azure.respondByDefault(USAGE);
    ClaudeRelayEndToEndTest.awaitUntil(() -> post("/openai/v1/chat/completions", key, CHAT).statusCode() == 200);
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
  }
}
