package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisClusterFixture;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two relay nodes on a real 3-master Redis Cluster ({@code REDIS_CLUSTER_NODES}): keys, accounts and
 * requests on either node, usage counted once, the other node's aggregates within one flush, and
 * the key's cost limit exact across nodes (its counter is written by the settlement itself).
 */
class RedisClusterRelayTest {
  static final String BODY = RedisRelayTest.BODY;

  @RegisterExtension
  static final RedisClusterFixture cluster = RedisClusterFixture.perClass();

  FakeAnthropicServer fake;

  @BeforeEach
  void start() {
    cluster.flush();
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 5));
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
  }

  private static List<String> nodes() {
    return cluster.nodes().stream().map(n -> "127.0.0.1:" + n.port()).toList();
  }

  @Test
  void twoNodesOnAClusterServeCountAndReportEveryRequestOnce() throws Exception {
    try (RelayNode a = RelayNode.onCluster(nodes(), RedisClusterFixture.PASSWORD);
        RelayNode b = RelayNode.onCluster(nodes(), RedisClusterFixture.PASSWORD)) {
      JsonNode health = RelayNode.json(a.get("/health").body()).path("components").path("redis");
      assertThat(health.path("connected").asBoolean()).isTrue();
      a.createAccount("upstream", fake.baseUrl(), "sk-ant-a");
      String key = a.createKey("{\"name\":\"on-cluster\"}");
      for (int i = 0; i < 3; i++) assertThat(a.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
      // b learns the key and the account from Redis (its caches are cold).
      for (int i = 0; i < 2; i++) assertThat(b.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

      // b's own read flushes b's aggregates; a's arrive within one flush interval.
      awaitUntil(() -> b.usage(key).path("usage").path("total").path("requests").asLong() == 5);
      JsonNode total = a.usage(key).path("usage").path("total");
      assertThat(total.path("requests").asLong()).isEqualTo(5);
      assertThat(total.path("inputTokens").asLong()).isEqualTo(50);
      assertThat(fake.requestCount()).isEqualTo(5);
      // The data is spread: every master holds some of it.
      assertThat(cluster.keysPerNode()).allMatch(n -> n > 0);
    }
  }

  @Test
  void aKeysDailyCostLimitHoldsAcrossNodesAtOnce() {
    try (RelayNode a = RelayNode.onCluster(nodes(), RedisClusterFixture.PASSWORD);
        RelayNode b = RelayNode.onCluster(nodes(), RedisClusterFixture.PASSWORD)) {
      a.createAccount("upstream", fake.baseUrl(), "sk-ant-a");
      // One request costs 1000×$3 + 1000×$15 per million = $0.018: past the limit, the next one on
      // either node is refused at once.
      fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
      String key = a.createKey("{\"name\":\"capped\",\"dailyCostLimit\":0.01}");
      assertThat(a.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = b.post("/api/v1/messages", key, BODY);
      assertThat(refused.statusCode()).isEqualTo(402);
      assertThat(RelayNode.json(refused.body()).path("error").path("code").asText())
          .isEqualTo("daily_cost_limit_exceeded");
      assertThat(a.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(402);
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(50);
    }
  }
}
