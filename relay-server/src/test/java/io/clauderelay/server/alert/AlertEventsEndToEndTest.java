package io.clauderelay.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events reach the configured platform from real traffic: an account that fails is announced with
 * its name and state and no secret, a failing platform is retried with backoff, repeated failed
 * logins raise a security alert, and two nodes on one Redis announce the same event once.
 */
class AlertEventsEndToEndTest {
  static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  FakeAnthropicServer fake;
  FakeWebhookReceiver hooks;
  RelayNode relay;
  RelayNode second;
  RedisServerProcess redis;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    hooks = new FakeWebhookReceiver();
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (second != null) second.close();
    if (redis != null) redis.close();
    hooks.close();
    fake.close();
  }

  static void enableCustom(RelayNode node, String url) {
    String r = node.admin("POST", "/admin/webhook/config",
        "{\"enabled\":true,\"retrySettings\":{\"maxRetries\":3,\"retryDelay\":100},"
            + "\"platforms\":[{\"type\":\"custom\",\"name\":\"ops\",\"url\":\"" + url + "\"}]}")
        .body();
    assertThat(RelayNode.json(r).path("success").asBoolean()).as(r).isTrue();
  }

  List<JsonNode> events(String type) {
    return hooks.at("/hook").stream().map(FakeWebhookReceiver.Received::json)
        .filter(j -> j.path("type").asText().equals(type))
        .toList();
  }

  @Test
  void aFailingAccountIsAnnouncedOnceWithItsNameAndNoSecretAfterRetries() throws Exception {
    relay = new RelayNode();
    enableCustom(relay, hooks.url("/hook"));
    hooks.failFirst("/hook", 2);
    fake.when("sk-ant-secret-overloaded").respond(Behaviour.status(529));
    fake.when("sk-ant-good").respond(Behaviour.ok());
    String accountId = relay.createAccount("team-overloaded", fake.baseUrl(), "sk-ant-secret-overloaded", 10, null);
    relay.createAccount("team-good", fake.baseUrl(), "sk-ant-good", 20, null);
    String key = relay.createKey("{\"name\":\"alice\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    // Two failed posts, then the third try (after 100 ms and 200 ms) is taken.
    hooks.await("/hook", 3, Duration.ofSeconds(10));
    Thread.sleep(300);
    assertThat(hooks.at("/hook")).hasSize(3);
    JsonNode event = events("accountAnomaly").get(2);
    assertThat(event.path("service").asText()).isEqualTo("claude-relay-service");
    JsonNode data = event.path("data");
    assertThat(data.path("accountId").asText()).isEqualTo(accountId);
    assertThat(data.path("accountName").asText()).isEqualTo("team-overloaded");
    assertThat(data.path("platform").asText()).isEqualTo("claude-console");
    assertThat(data.path("status").asText()).isEqualTo("overloaded");
    assertThat(data.path("reason").asText()).contains("529");
    for (FakeWebhookReceiver.Received r : hooks.received) {
      assertThat(r.body()).doesNotContain("sk-ant-secret-overloaded").doesNotContain(key);
    }
  }

  @Test
  void repeatedFailedLoginsRaiseOneSecurityAlert() throws Exception {
    relay = new RelayNode();
    enableCustom(relay, hooks.url("/hook"));
    for (int i = 0; i < 7; i++) {
      relay.send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
          "{\"username\":\"admin\",\"password\":\"wrong-password-" + i + "\"}");
    }
    hooks.await("/hook", 1, Duration.ofSeconds(10));
    Thread.sleep(300);
    List<JsonNode> alerts = events("securityAlert");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).path("data").path("event").asText()).isEqualTo("admin_login_lockout");
    assertThat(alerts.get(0).path("data").path("username").asText()).isEqualTo("admin");
    assertThat(alerts.get(0).toString()).doesNotContain("wrong-password");
  }

  @Test
  void twoNodesOnOneRedisAnnounceTheSameAnomalyOnce() throws Exception {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start("alert-test-password");
    relay = RelayNode.onRedis(redis.port(), redis.password());
    second = RelayNode.onRedis(redis.port(), redis.password());
    enableCustom(relay, hooks.url("/hook"));
    fake.when("sk-ant-down").respond(Behaviour.status(529));
    fake.when("sk-ant-up").respond(Behaviour.ok());
    String downId = relay.createAccount("shared-down", fake.baseUrl(), "sk-ant-down", 10, null);
    relay.createAccount("shared-up", fake.baseUrl(), "sk-ant-up", 20, null);
    String key = relay.createKey("{\"name\":\"bob\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    hooks.await("/hook", 1, Duration.ofSeconds(10));
    // The other node sees the same account fail the same way: its flow cools it down through the same
    // recording store, which reports the event to that node's alerts.
    second.app.accountState()
        .coolDown(downId, java.time.Instant.now().plusSeconds(60), "overloaded (HTTP 529)")
        .toCompletableFuture().join();
    Thread.sleep(1000);
    assertThat(events("accountAnomaly")).hasSize(1);
  }
}
