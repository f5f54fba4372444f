package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay on a real standalone Redis: the same behaviour as embedded, and nothing lost on restart. */
class RedisRelayTest {
  static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  RedisServerProcess redis;
  FakeAnthropicServer fake;

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start("redis-pass");
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 5));
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
    if (redis != null) redis.close();
  }

  @Test
  void healthReportsTheRedisRoleAnd503WhenRedisIsGone() {
    try (RelayNode node = RelayNode.onRedis(redis.port(), "redis-pass")) {
      HttpResponse<String> up = node.get("/health");
      assertThat(up.statusCode()).isEqualTo(200);
      JsonNode redisHealth = RelayNode.json(up.body()).path("components").path("redis");
      assertThat(redisHealth.path("connected").asBoolean()).isTrue();
      assertThat(redisHealth.path("role").asText()).isEqualTo("master");
      redis.close();
      HttpResponse<String> down = node.get("/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(RelayNode.json(down.body()).path("components").path("redis").path("connected").asBoolean()).isFalse();
      redis = null;
    }
  }

  @Test
  void aRestartedRelayStillHasItsKeysAccountsUsageAndAdminPassword() {
    String key;
    try (RelayNode first = RelayNode.onRedis(redis.port(), "redis-pass")) {
      first.createAccount("upstream", fake.baseUrl(), "sk-ant-a");
      key = first.createKey("{\"name\":\"survivor\",\"dailyCostLimit\":5}");
      assertThat(first.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
      assertThat(first.post("/api/v1/messages", key, BODY.replace("\"Hi\"", "\"Hello\"")).statusCode()).isEqualTo(200);
    }
    try (RelayNode second = RelayNode.onRedis(redis.port(), "redis-pass")) {
      JsonNode total = second.usage(key).path("usage").path("total");
      assertThat(total.path("requests").asLong()).isEqualTo(2);
      assertThat(total.path("inputTokens").asLong()).isEqualTo(20);
      assertThat(second.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
      assertThat(RelayNode.json(second.admin("GET", "/admin/claude-console-accounts", null).body()).path("data"))
          .hasSize(1);
      assertThat(second.usage(key).path("usage").path("total").path("requests").asLong()).isEqualTo(3);
    }
  }
}
