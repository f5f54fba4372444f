package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With the store gone, admin, key-owner and relay routes all answer 503 with Retry-After, in their own shapes. */
class StoreUnavailableAnswersTest {
  static final String PASSWORD = "store-gone";

  RedisServerProcess redis;
  RelayNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
    if (redis != null) redis.close();
  }

  static void assertRetryable(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
  }

  @Test
  void everyRouteSays503WithRetryAfter() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    node = RelayNode.onRedis(redis.port(), PASSWORD);
    String key = node.createKey("{\"name\":\"alice\"}");
    node.adminToken();

    redis.kill();

    HttpResponse<String> admin = node.admin("GET", "/admin/api-keys", null);
    assertRetryable(admin);
    assertThat(RelayNode.json(admin.body()).path("success").asBoolean(true)).isFalse();
    assertRetryable(node.admin("GET", "/admin/claude-console-accounts", null));
    assertRetryable(node.post("/api/v1/messages", key, "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertRetryable(node.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null));
  }
}
