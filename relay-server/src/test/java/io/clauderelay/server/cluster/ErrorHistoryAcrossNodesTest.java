package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two relay nodes on one Redis: an account cooled down by traffic through node A shows the event
 * in node B's error history, and clearing it on B clears it for A too.
 */
class ErrorHistoryAcrossNodesTest {
  static final String PASSWORD = "error-history";
  static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  RedisServerProcess redis;
  FakeAnthropicServer fake;
  RelayNode a;
  RelayNode b;

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    fake = FakeAnthropicServer.start();
    a = RelayNode.onRedis(redis.port(), PASSWORD);
    b = RelayNode.onRedis(redis.port(), PASSWORD);
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
    if (a != null) a.close();
    if (b != null) b.close();
    if (redis != null) redis.close();
  }

  /** The node's error history of the account; polls briefly, because the write trails the client's answer. */
  static JsonNode history(RelayNode node, String path, int atLeast) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      HttpResponse<String> r = node.admin("GET", path, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode data = RelayNode.json(r.body()).path("data");
      if (data.size() >= atLeast || System.nanoTime() > deadline) return data;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return data;
      }
    }
  }

  @Test
  void aCoolDownSeenByNodeAIsInNodeBsHistoryAndAClearOnBIsSeenByA() {
    String id = a.createAccount("flaky", fake.baseUrl(), "sk-ant-flaky");
    fake.when("sk-ant-flaky").respond(Behaviour.status(500));
    String key = a.createKey("{\"name\":\"user\"}");

    HttpResponse<String> failed = a.post("/api/v1/messages", key, BODY);
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);

    String path = "/admin/claude-console-accounts/" + id + "/error-history";
    JsonNode onB = history(b, path, 1);
    assertThat(onB).hasSize(1);
    assertThat(onB.get(0).path("reason").asText()).isEqualTo("server_error (HTTP 500)");
    assertThat(onB.get(0).path("until").asText()).isGreaterThan(onB.get(0).path("at").asText());
    assertThat(onB.toString()).doesNotContain("sk-ant-flaky");

    HttpResponse<String> cleared = b.admin("DELETE", path, null);
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    assertThat(history(a, path, 0)).isEmpty();

    HttpResponse<String> badLimit = b.admin("GET", path + "?limit=0", null);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(RelayNode.json(badLimit.body()).path("message").asText()).startsWith("limit ");
  }
}
