package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.FakePriceFileServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one Redis with {@code PRICING_URL}: one fetches the file, the other loads its shared copy. */
class TwoNodesSharePricingTest {
  static final String PASSWORD = "two-nodes-pricing";
  static final String SONNET = "claude-sonnet-4-5-20250929";

  RedisServerProcess redis;
  FakePriceFileServer prices;
  RelayNode a;
  RelayNode b;

  @AfterEach
  void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (prices != null) prices.close();
    if (redis != null) redis.close();
  }

  RelayNode node() {
    return new RelayNode(
        Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()), "REDIS_PASSWORD",
            PASSWORD, "PRICING_URL", prices.url()));
  }

  static JsonNode catalog(RelayNode n) {
    return RelayNode.json(n.admin("GET", "/admin/models/pricing", null).body());
  }

  static void awaitSource(RelayNode n, String source) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!source.equals(catalog(n).path("source").asText())) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("catalog not loaded from " + source + ": " + catalog(n));
      Thread.sleep(50);
    }
  }

  @Test
  void oneNodeFetchesAndTheOtherUsesItsCopy() throws InterruptedException {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    prices = new FakePriceFileServer();
    prices.serve(FakePriceFileServer.file(SONNET, "0.00001", "0.0001"));

    a = node();
    awaitSource(a, prices.url());
    b = node();
    awaitSource(b, prices.url());

    assertThat(prices.fetches()).isEqualTo(1);
    assertThat(catalog(b).path("data").path(SONNET).path("input_cost_per_token").decimalValue())
        .isEqualByComparingTo("0.00001");
    assertThat(catalog(b).path("modelCount").asInt()).isEqualTo(1);
  }
}
