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

/**
 * A node at its MAX_IN_FLIGHT ceiling refuses the next request at once with a 503 in the route's
 * error shape and Retry-After, sends nothing upstream for it, and keeps /health at 200; once
 * requests end it takes new ones again.
 */
class LoadSheddingEndToEndTest {
  static final String BODY = ClaudeRelayEndToEndTest.BODY;
  static final String CHAT = "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  FakeAnthropicServer fake;
  RelayNode relay;
  String key;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    relay = new RelayNode(Map.of("MAX_IN_FLIGHT", "2"));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    key = relay.createKey("{\"name\":\"shed\"}");
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  @Test
  void beyondTheCeilingARequestGetsAn503WithRetryAfterAndNeverLeaves() throws Exception {
    fake.respondByDefault(Behaviour.ok().withResponseDelay(Duration.ofMillis(2000)));
    List<CompletableFuture<Integer>> running = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      running.add(CompletableFuture.supplyAsync(() -> relay.post("/api/v1/messages", key, BODY).statusCode()));
    }
    assertThat(fake.awaitRequests(2, Duration.ofSeconds(10))).isTrue();

    HttpResponse<String> shed = relay.post("/api/v1/messages", key, BODY);
    assertThat(shed.statusCode()).isEqualTo(503);
    assertThat(shed.headers().firstValue("retry-after")).contains("1");
    JsonNode body = RelayNode.json(shed.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(body.path("error").path("message").asText()).contains("requests in flight");

    // The OpenAI-compatible route answers in its own shape.
    HttpResponse<String> chat = relay.post("/openai/claude/v1/chat/completions", key, CHAT);
    assertThat(chat.statusCode()).isEqualTo(503);
    assertThat(chat.headers().firstValue("retry-after")).contains("1");
    assertThat(RelayNode.json(chat.body()).path("error").has("message")).isTrue();

    // Health is not a relayed request: the node stays in the balancer's pool.
    assertThat(relay.get("/health").statusCode()).isEqualTo(200);

    for (CompletableFuture<Integer> f : running) assertThat(f.get()).isEqualTo(200);
    // The refused requests never reached the upstream, and none was recorded as usage.
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(relay.totals(key).path("requests").asInt()).isEqualTo(2);
    assertThat(relay.app.inFlightRefused()).isEqualTo(2);

    fake.respondByDefault(Behaviour.ok());
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
  }
}
