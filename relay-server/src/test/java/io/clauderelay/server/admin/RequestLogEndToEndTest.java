package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console's detail pages read, over real HTTP: the request log across keys and nodes
 * (newest first, paged, the key's name and never its secret), a key's limits beside their use,
 * a key's and an account's usage by day, and the relay's report time zone.
 */
class RequestLogEndToEndTest {
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

  /** Settlement follows the answer: waits until the log holds {@code n} requests. */
  static JsonNode awaitLog(RelayNode node, String query, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode d = data(node.admin("GET", "/admin/request-log" + query, null));
    while (d.path("items").size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
      d = data(node.admin("GET", "/admin/request-log" + query, null));
    }
    return d;
  }

  @Test
  void theLogListsEveryKeysRequestsNewestFirstInPagesWithNamesAndNoSecret() throws Exception {
    relay = new RelayNode();
    String accountId = relay.createAccount("upstream-one", fake.baseUrl(), "sk-ant-upstream-secret");
    String alice = relay.createKey("{\"name\":\"alice\"}");
    String bob = relay.createKey("{\"name\":\"bob\"}");
    for (String key : new String[]{alice, bob, alice, bob, alice}) {
      assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
      Thread.sleep(5); // distinct timestamps: the order below is the order sent
    }

    JsonNode all = awaitLog(relay, "?limit=50", 5);
    assertThat(all.path("items")).extracting(i -> i.path("keyName").asText())
        .containsExactly("alice", "bob", "alice", "bob", "alice");
    JsonNode first = all.path("items").get(0);
    assertThat(first.path("accountName").asText()).isEqualTo("upstream-one");
    assertThat(first.path("accountId").asText()).isEqualTo(accountId);
    assertThat(first.path("keyId").asText()).isEqualTo(relay.keyId(alice));
    assertThat(first.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(first.path("status").asInt()).isEqualTo(200);
    assertThat(first.path("totalTokens").asLong()).isEqualTo(30);
    assertThat(first.path("latencyMs").isNumber()).isTrue();
    assertThat(first.path("cost").decimalValue()).isPositive();
    assertThat(all.has("nextBefore")).as("one page holds it all").isFalse();
    String body = relay.admin("GET", "/admin/request-log", null).body();
    assertThat(body).doesNotContain(alice).doesNotContain(bob).doesNotContain("sk-ant-upstream-secret");

    JsonNode page1 = data(relay.admin("GET", "/admin/request-log?limit=2", null));
    assertThat(page1.path("items")).hasSize(2);
    JsonNode page2 = data(
        relay.admin("GET", "/admin/request-log?limit=2&before=" + page1.path("nextBefore").asText(), null));
    JsonNode page3 = data(
        relay.admin("GET", "/admin/request-log?limit=2&before=" + page2.path("nextBefore").asText(), null));
    List<String> paged = new ArrayList<>();
    for (JsonNode p : List.of(page1, page2, page3))
      p.path("items").forEach(i -> paged.add(i.path("requestId").asText()));
    List<String> whole = new ArrayList<>();
    all.path("items").forEach(i -> whole.add(i.path("requestId").asText()));
    assertThat(paged).as("three pages are the whole log, once each").isEqualTo(whole);
    assertThat(page3.has("nextBefore")).isFalse();

    assertThat(data(relay.admin("GET", "/admin/request-log?keyId=" + relay.keyId(bob), null)).path("items"))
        .hasSize(2).allSatisfy(i -> assertThat(i.path("keyName").asText()).isEqualTo("bob"));
    assertThat(data(relay.admin("GET", "/admin/request-log?accountId=nobody", null)).path("items")).isEmpty();
  }

  @Test
  void theLogNeedsAnAdminAndRefusesABadCursor() {
    relay = new RelayNode();
    assertThat(relay.get("/admin/request-log").statusCode()).isEqualTo(401);
    HttpResponse<String> bad = relay.admin("GET", "/admin/request-log?before=yesterday", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(RelayNode.json(bad.body()).path("message").asText()).startsWith("before ");
    assertThat(relay.admin("GET", "/admin/request-log?limit=0", null).statusCode()).isEqualTo(400);
  }

  @Test
  void onRedisEitherNodesLogShowsTheRequestsOfBoth() throws Exception {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start("log");
    relay = RelayNode.onRedis(redis.port(), "log");
    other = RelayNode.onRedis(redis.port(), "log");
    relay.createAccount("shared", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"carol\"}");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      status = other.post("/api/v1/messages", key, BODY).statusCode(); // the key reaches the other node's cache
      if (status != 200) Thread.sleep(50);
    }
    assertThat(status).isEqualTo(200);
    assertThat(awaitLog(relay, "", 2).path("items")).hasSize(2);
    assertThat(awaitLog(other, "", 2).path("items")).hasSize(2)
        .allSatisfy(i -> assertThat(i.path("keyName").asText()).isEqualTo("carol"));
  }

  @Test
  void aKeysLimitsStandBesideTheirUseAndItsDaysAndTheAccountsAreCounted() throws Exception {
    relay = new RelayNode(Map.of("TIMEZONE_OFFSET", "8"));
    String accountId = relay.createAccount("quota-account", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"limited\",\"dailyCostLimit\":5,\"rateLimitWindow\":60,"
        + "\"rateLimitRequests\":10,\"concurrencyLimit\":3}");
    String keyId = relay.keyId(key);
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    awaitLog(relay, "", 1);

    JsonNode limits = data(relay.admin("GET", "/admin/api-keys/" + keyId + "/limits", null));
    assertThat(limits.path("name").asText()).isEqualTo("limited");
    JsonNode l = limits.path("limits");
    assertThat(l.path("rateLimitRequests").asLong()).isEqualTo(10);
    assertThat(l.path("currentWindowRequests").asLong()).isEqualTo(1);
    assertThat(l.path("dailyCostLimit").decimalValue()).isEqualByComparingTo("5");
    assertThat(l.path("currentDailyCost").decimalValue()).isPositive();
    assertThat(l.path("concurrencyLimit").asInt()).isEqualTo(3);
    assertThat(l.path("currentConcurrency").asInt()).as("the request has ended").isZero();
    assertThat(limits.path("usage").path("total").path("requests").asLong()).isEqualTo(1);
    assertThat(relay.admin("GET", "/admin/api-keys/nope/limits", null).statusCode()).isEqualTo(404);

    JsonNode keyDays = data(relay.admin("GET", "/admin/api-keys/" + keyId + "/usage-trend?days=3", null));
    JsonNode accountDays = data(relay.admin("GET", "/admin/accounts/" + accountId + "/usage-trend?days=3", null));
    JsonNode settings = data(relay.admin("GET", "/admin/console-settings", null));
    for (JsonNode days : List.of(keyDays, accountDays)) {
      assertThat(days).hasSize(3);
      assertThat(days.get(2).path("date").asText()).as("today on the relay's clock")
          .isEqualTo(settings.path("today").asText());
      assertThat(days.get(2).path("requests").asLong()).isEqualTo(1);
      assertThat(days.get(0).path("requests").asLong()).isZero();
    }
    assertThat(
        data(relay.admin("GET", "/admin/accounts/other/usage-trend?days=2", null)).get(1).path("requests").asLong())
        .isZero();
    assertThat(settings.path("timezoneOffsetMinutes").asInt()).isEqualTo(480);
    assertThat(settings.path("timezoneOffset").asDouble()).isEqualTo(8.0);
  }
}
