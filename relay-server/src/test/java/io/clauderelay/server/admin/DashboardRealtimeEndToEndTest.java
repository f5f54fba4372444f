package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's current RPM/TPM and the per-minute trend over real HTTP: embedded, and two nodes
 * on one Redis, where either node reports the other's requests too.
 */
class DashboardRealtimeEndToEndTest {
  static final String BODY = AdminApiEndToEndTest.BODY;

  FakeAnthropicServer fake;
  RelayNode relay;
  RelayNode other;
  RedisServerProcess redis;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (other != null) other.close();
    if (fake != null) fake.close();
    if (redis != null) redis.close();
  }

  static JsonNode data(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data");
  }

  @Test
  void currentRpmAndTpmCountTheLastFiveMinutesNotTodaysAverage() {
    relay = new RelayNode();
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"now\"}");
    JsonNode before = data(relay.admin("GET", "/admin/dashboard", null)).path("realtimeMetrics");
    assertThat(before.path("rpm").asDouble()).isZero();

    for (int i = 0; i < 3; i++) assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    JsonNode dash = data(relay.admin("GET", "/admin/dashboard", null));
    JsonNode now = dash.path("realtimeMetrics");
    assertThat(now.path("windowMinutes").asInt()).isEqualTo(5);
    assertThat(now.path("isHistorical").asBoolean()).isFalse();
    assertThat(now.path("rpm").asDouble()).isEqualTo(0.6);
    assertThat(now.path("tpm").asDouble()).isEqualTo(18.0);
    assertThat(now.path("requests").asLong()).isEqualTo(3);
    assertThat(dash.path("systemAverages").has("rpm")).isTrue();
  }

  @Test
  void theMinuteTrendIsZeroFilledOldestFirstAndEndsWithThisMinute() {
    relay = new RelayNode();
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"trend\"}");
    relay.post("/api/v1/messages", key, BODY);
    relay.post("/api/v1/messages", key, BODY);

    JsonNode rows = data(relay.admin("GET", "/admin/usage-trend?granularity=minute&minutes=10", null));

    assertThat(rows).hasSize(10);
    long requests = 0;
    long tokens = 0;
    for (int i = 0; i < rows.size(); i++) {
      requests += rows.get(i).path("requests").asLong();
      tokens += rows.get(i).path("tokens").asLong();
      if (i > 0) {
        assertThat(Instant.parse(rows.get(i).path("minute").asText()))
            .isEqualTo(Instant.parse(rows.get(i - 1).path("minute").asText()).plusSeconds(60));
      }
    }
    assertThat(requests).isEqualTo(2);
    assertThat(tokens).isEqualTo(60);
    assertThat(Instant.parse(rows.get(9).path("minute").asText())).isBeforeOrEqualTo(Instant.now())
        .isAfter(Instant.now().minusSeconds(120));
    assertThat(rows.get(0).path("cost").decimalValue()).isNotNull();
    assertThat(data(relay.admin("GET", "/admin/usage-trend?granularity=day&days=2", null))).hasSize(2);
    assertThat(data(relay.admin("GET", "/admin/usage-trend", null))).hasSize(7);
  }

  @Test
  void wrongTrendParametersAreRefusedWithA400NamingTheParameter() {
    relay = new RelayNode();
    for (String[] c : new String[][]{
        {"/admin/usage-trend?granularity=hourly", "granularity"},
        {"/admin/usage-trend?granularity=minute&minutes=0", "minutes"},
        {"/admin/usage-trend?granularity=minute&minutes=121", "minutes"},
        {"/admin/usage-trend?granularity=minute&minutes=ten", "minutes"},
        {"/admin/usage-trend?days=93", "days"}}) {
      HttpResponse<String> r = relay.admin("GET", c[0], null);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(RelayNode.json(r.body()).path("message").asText()).as(c[0]).startsWith(c[1] + " ");
    }
  }

  @Test
  void onRedisEveryNodeReportsTheWholeClustersCurrentRate() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start("dash");
    relay = RelayNode.onRedis(redis.port(), "dash");
    other = RelayNode.onRedis(redis.port(), "dash");
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"both\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(other.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    for (RelayNode node : new RelayNode[]{relay, other}) {
      // A node reads its own requests at once, the other node's within that node's flush (1 s).
      JsonNode now = settledRealtime(node, 2);
      assertThat(now.path("requests").asLong()).isEqualTo(2);
      assertThat(now.path("rpm").asDouble()).isEqualTo(0.4);
      long perMinute = 0;
      for (JsonNode row : data(node.admin("GET", "/admin/usage-trend?granularity=minute&minutes=5", null))) {
        perMinute += row.path("requests").asLong();
      }
      assertThat(perMinute).isEqualTo(2);
    }
  }

  /**
   * The dashboard's realtime block once {@code requests} are counted: usage is settled just after
   * the answer is sent, so on a loaded machine the second request may not be in the totals yet.
   */
  private static JsonNode settledRealtime(RelayNode node, long requests) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    JsonNode now = data(node.admin("GET", "/admin/dashboard", null)).path("realtimeMetrics");
    while (now.path("requests").asLong() < requests && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      now = data(node.admin("GET", "/admin/dashboard", null)).path("realtimeMetrics");
    }
    return now;
  }
}
