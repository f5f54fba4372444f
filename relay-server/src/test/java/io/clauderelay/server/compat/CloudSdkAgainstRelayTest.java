package io.clauderelay.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAzureOpenAiServer;
import io.clauderelay.server.fake.FakeBedrockServer;
import io.clauderelay.server.fake.FakeGoogleTokenEndpoint;
import io.clauderelay.server.fake.FakeVertexServer;
import io.clauderelay.server.fake.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDKs through the relay to each cloud provider, with only that provider's account in
 * the pool: {@code @anthropic-ai/sdk} (create, stream, countTokens, a rejected key) to Bedrock (the
 * fake verifies every SigV4 signature, streams are event-stream frames) and to Vertex AI (the fake
 * checks the token it issued); {@code openai} (chat JSON and streams, responses JSON and stream) to
 * Azure OpenAI (the fake checks api-key, api-version and the deployment). The same check scripts as
 * the native providers; every answer must parse and carry usage, and the relay bills each once.
 * Skipped without node or without {@code npm ci} in compat/anthropic-sdk and compat/openai-sdk.
 */
class CloudSdkAgainstRelayTest {
  static final String SONNET = "claude-sonnet-4-5-20250929";
  private RelayNode relay;
  private AutoCloseable[] fakes = new AutoCloseable[0];

  @AfterEach
  void tearDown() throws Exception {
    if (relay != null) relay.close();
    for (AutoCloseable f : fakes) f.close();
  }

  @BeforeEach
  void setUp() {
    relay = null;
  }

  private static Path scripts(String name) {
    Path dir = CompatPaths.compatDir(name);
    assumeTrue(NodeCheck.available(dir), "node or " + dir.resolve("node_modules") + " missing");
    return dir;
  }

  private NodeCheck.Result anthropicSdk(String key) {
    return NodeCheck.run(scripts("anthropic-sdk"), "check.mjs",
        Map.of("RELAY_URL", relay.base() + "/api", "RELAY_KEY", key, "RELAY_MODEL", SONNET), Duration.ofSeconds(120));
  }

  @Test
  void theAnthropicSdkWorksThroughTheRelayToABedrockAccount() {
    scripts("anthropic-sdk");
    FakeBedrockServer bedrock = new FakeBedrockServer("us-east-1").withAccessKey("AKIAFAKEBEDROCKSDK01", "sdk/secret");
    bedrock.respondByDefault(Behaviour.ok().withUsage(12, 8, 3, 4, 5).splitEvents());
    fakes = new AutoCloseable[]{bedrock};
    relay = new RelayNode();
    relay.createBedrockAccount("{\"name\":\"bedrock\",\"region\":\"us-east-1\",\"endpointUrl\":\"" + bedrock.baseUrl()
        + "\",\"awsCredentials\":{\"accessKeyId\":\"AKIAFAKEBEDROCKSDK01\",\"secretAccessKey\":\"sdk/secret\"}}");
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = anthropicSdk(key);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(11);
    assertThat(bedrock.signatureChecks).isNotEmpty().containsOnly(true);
    assertThat(bedrock.count("invoke")).isEqualTo(3);
    assertThat(bedrock.count("invoke-with-response-stream")).isEqualTo(3);
    assertThat(bedrock.count("count-tokens")).isEqualTo(3);
    assertBilledSixAnthropicCalls(key);
  }

  @Test
  void theAnthropicSdkWorksThroughTheRelayToAVertexAccount() {
    scripts("anthropic-sdk");
    FakeGoogleTokenEndpoint google = new FakeGoogleTokenEndpoint();
    FakeVertexServer vertex = new FakeVertexServer(google);
    vertex.respondByDefault(Behaviour.ok().withUsage(12, 8, 3, 4, 5));
    fakes = new AutoCloseable[]{vertex, google};
    relay = new RelayNode();
    JsonObject body = new JsonObject().put("name", "vertex")
        .put("serviceAccountJson", google.newKeyFile("sdk@relay-test.iam.gserviceaccount.com", "relay-test"))
        .put("region", "us-east5").put("apiUrl", vertex.baseUrl());
    HttpResponse<String> created = relay.admin("POST", "/admin/vertex-accounts", body.encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = anthropicSdk(key);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(11);
    // Every call carried the token the fake's Google endpoint issued (the fake refuses any other).
    assertThat(vertex.requests()).hasSize(9).allSatisfy(r -> {
      assertThat(r.header("authorization")).startsWith("Bearer ");
      assertThat(r.bodyAsString()).doesNotContain(key);
    });
    assertThat(vertex.requests()).extracting(RecordedRequest::path).anyMatch(p -> p.endsWith(":streamRawPredict"));
    assertBilledSixAnthropicCalls(key);
  }

  private void assertBilledSixAnthropicCalls(String key) {
    // Three key forms × (create + stream) billed once each; count_tokens is free.
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(6);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(6 * 12);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(6 * 8);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(6 * 5);
  }

  @Test
  void theOpenAiSdkWorksThroughTheRelayToAnAzureOpenAiAccount() {
    Path dir = scripts("openai-sdk");
    FakeAzureOpenAiServer azure = new FakeAzureOpenAiServer();
    azure.deploy("gpt4o-prod", "gpt-4o-2024-08-06").acceptKey("azure-sdk-key");
    azure.respondByDefault(Behaviour.ok().withUsage(1000, 500, 0, 0, 2000));
    fakes = new AutoCloseable[]{azure};
    relay = new RelayNode();
    HttpResponse<String> created = relay.admin("POST", "/admin/azure-openai-accounts", "{\"name\":\"azure\","
        + "\"azureEndpoint\":\"" + azure.baseUrl() + "\",\"deploymentName\":\"gpt4o-prod\",\"apiVersion\":\""
        + FakeAzureOpenAiServer.API_VERSION + "\",\"apiKey\":\"azure-sdk-key\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = NodeCheck.run(dir, "check.mjs",
        Map.of("RELAY_URL", relay.base() + "/openai/v1", "RELAY_KEY", key, "RELAY_MODEL", "gpt-4o"),
        Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    // chat JSON, two chat streams, responses JSON and stream, and the rejected key.
    assertThat(result.passed()).isEqualTo(6);
    assertThat(azure.requests()).hasSize(5).allSatisfy(r -> {
      assertThat(r.header("api-key")).isEqualTo("azure-sdk-key");
      assertThat(r.query()).isEqualTo("api-version=" + FakeAzureOpenAiServer.API_VERSION);
      assertThat(r.hasHeader("authorization")).isFalse();
    });
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(5);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(5 * 1000);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(5 * 2000);
  }
}
