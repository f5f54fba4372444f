package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible front door for Claude over real HTTP: Chat Completions translated to
 * Anthropic Messages for a Claude account and back, JSON, streams and tool calls, billed from the
 * Anthropic usage.
 */
class ClaudeChatEndToEndTest {
  static final String CHAT = "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":["
      + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private FakeAnthropicServer fake;
  private RelayNode relay;
  private String key;

  @BeforeEach
  void setUp() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    relay = new RelayNode();
    relay.createAccount("claude", fake.baseUrl(), "sk-ant-account", 10, null);
    key = relay.createKey("{\"name\":\"alice\"}");
  }

  @AfterEach
  void tearDown() {
    relay.close();
    fake.close();
  }

  private HttpResponse<String> post(String path, String body) {
    return relay.send("POST", path, Map.of("content-type", "application/json", "authorization", "Bearer " + key), body);
  }

  @Test
  void aChatCompletionIsTranslatedBothWaysAndBilledFromTheAnthropicUsage() {
    HttpResponse<String> r = post("/openai/claude/v1/chat/completions", CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo(Behaviour.ok().text());
    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    var upstream = fake.lastRequest().bodyAsJson();
    assertThat(fake.lastRequest().path()).isEqualTo("/v1/messages");
    assertThat(fake.lastRequest().header("x-api-key")).isEqualTo("sk-ant-account");
    assertThat(upstream.getString("system")).isEqualTo("Be brief.");
    assertThat(upstream.getInteger("max_tokens")).isPositive();
    // Sonnet 4.5 as in ClaudeRelayEndToEndTest: 10×3 + 20×15 + 100×3.75 + 200×6 + 300×0.3 = 1,995 micro-dollars.
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(1);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.001995");
  }

  @Test
  void aStreamBecomesChatChunksWithTheUsageChunkOnlyWhenAskedFor() {
    String stream = CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"");
    String asked = CHAT.replace("{\"model\"", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\"");

    HttpResponse<String> plain = post("/openai/claude/v1/chat/completions", stream);
    HttpResponse<String> withUsage = post("/openai/claude/v1/chat/completions", asked);

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body()).contains("chat.completion.chunk", "\"finish_reason\":\"stop\"")
        .endsWith("data: [DONE]\n\n")
        .doesNotContain("\"usage\":{");
    assertThat(withUsage.body()).contains("\"choices\":[]", "\"usage\":{");
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.003990");
  }

  @Test
  void aToolCallComesBackAsToolCallsAndItsResultGoesUpstreamAsToolResult() {
    String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}";
    HttpResponse<String> call = post("/openai/claude/v1/chat/completions",
        CHAT.substring(0, CHAT.length() - 1) + tools);

    JsonNode message = RelayNode.json(call.body()).path("choices").get(0);
    assertThat(message.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode toolCall = message.path("message").path("tool_calls").get(0);
    assertThat(toolCall.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(RelayNode.json(toolCall.path("function").path("arguments").asText()).path("city").asText())
        .isEqualTo("fake-city");

    String followUp = "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + toolCall + "]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"" + toolCall.path("id").asText() + "\",\"content\":\"Sunny\"}]"
        + tools;
    HttpResponse<String> answer = post("/openai/claude/v1/chat/completions", followUp);

    assertThat(RelayNode.json(answer.body()).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    String upstream = fake.lastRequest().bodyAsString();
    assertThat(upstream).contains("\"type\":\"tool_result\"", toolCall.path("id").asText());
  }

  @Test
  void theUnifiedRoutesSendClaudeModelsToClaudeAccounts() {
    HttpResponse<String> api = post("/api/v1/chat/completions", CHAT);
    HttpResponse<String> openai = post("/openai/v1/chat/completions", CHAT);

    assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    assertThat(openai.statusCode()).as(openai.body()).isEqualTo(200);
    assertThat(RelayNode.json(openai.body()).path("object").asText()).isEqualTo("chat.completion");
    assertThat(fake.requests()).hasSize(2).allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/messages"));
    assertThat(relay.totals(key).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void theModelListIsTheOpenAiListOfClaudeModels() {
    HttpResponse<String> r = relay.send("GET", "/openai/claude/v1/models", Map.of("authorization", "Bearer " + key),
        null);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("data").findValuesAsText("id")).contains("claude-sonnet-4-5-20250929")
        .allMatch(id -> id.startsWith("claude"));
  }

  @Test
  void aBadChatRequestGets400InTheOpenAiShape() {
    HttpResponse<String> r = post("/openai/claude/v1/chat/completions",
        "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[]}");

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = RelayNode.json(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).startsWith("messages");
    assertThat(fake.requests()).isEmpty();
  }
}
