package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account's own protections (issue 20, CRS's names): its cool-down overrides, the switch that
 * turns automatic cool-downs off, and an expiry date after which it leaves the pool with a reason.
 */
class AccountProtectionsEndToEndTest {
  int asked;

  FakeAnthropicServer fake;
  RelayNode relay;
  String key;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok());
    relay = new RelayNode();
    key = relay.createKey("{\"name\":\"k\"}");
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  /** A request of a new conversation each time: no sticky session keeps it on the account that served the last. */
  HttpResponse<String> ask() {
    return relay.post("/api/v1/messages", key, QueueProbe.body(++asked));
  }

  JsonNode account(String id) {
    for (JsonNode a : RelayNode.json(relay.admin("GET", "/admin/claude-console-accounts", null).body()).path("data")) {
      if (a.path("id").asText().equals(id)) return a;
    }
    throw new AssertionError("no account " + id);
  }

  @Test
  void anAccountsOwn503And5xxCoolDownsReplaceTheRelaysAndZeroTurnsOneOff() {
    String own = relay.createAccount("own", fake.baseUrl(), "sk-ant-own", 1,
        "\"tempUnavailable503TtlSeconds\":0,\"tempUnavailable5xxTtlSeconds\":90");
    String next = relay.createAccount("next", fake.baseUrl(), "sk-ant-next", 2, null);
    fake.when("sk-ant-own").enqueue(Behaviour.status(503), Behaviour.status(500));

    // The 503 fails over to the next account without resting the first one (0 = off for 503)...
    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(account(own).path("coolingDown").asBoolean()).isFalse();
    assertThat(account(own).path("tempUnavailable503TtlSeconds").asInt()).isZero();
    // ...so the next request tries it first again; its 500 rests it for its own 90 s, not the relay's 300 s.
    Instant before = Instant.now();
    assertThat(ask().statusCode()).isEqualTo(200);
    JsonNode a = account(own);
    assertThat(a.path("coolingDown").asBoolean()).isTrue();
    assertThat(Duration.between(before, Instant.parse(a.path("coolingUntil").asText())).toSeconds()).isBetween(85L,
        90L);
    assertThat(account(next).path("coolingDown").asBoolean()).isFalse();
    assertThat(fake.requests()).extracting(r -> r.credential()).containsExactly("sk-ant-own", "sk-ant-next",
        "sk-ant-own", "sk-ant-next");
  }

  @Test
  void withDisableAutoProtectionAFailingAccountIsNeverCooledDownOnlyFailedOver() {
    String unprotected = relay.createAccount("u", fake.baseUrl(), "sk-ant-u", 1, "\"disableAutoProtection\":true");
    relay.createAccount("next", fake.baseUrl(), "sk-ant-next", 2, null);
    fake.when("sk-ant-u").enqueue(Behaviour.status(529), Behaviour.rateLimited(600));

    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(ask().statusCode()).isEqualTo(200);

    JsonNode a = account(unprotected);
    assertThat(a.path("disableAutoProtection").asBoolean()).isTrue();
    assertThat(a.path("coolingDown").asBoolean()).isFalse();
    // Each request tried it first: the 529, the 429, then it served.
    assertThat(fake.requests()).extracting(r -> r.credential()).containsExactly("sk-ant-u", "sk-ant-next",
        "sk-ant-u", "sk-ant-next", "sk-ant-u");
  }

  @Test
  void anExpiredAccountLeavesThePoolWithAClearReason() {
    String expired = relay.createAccount("old", fake.baseUrl(), "sk-ant-old", 1,
        "\"subscriptionExpiresAt\":\"2020-01-01T00:00:00Z\"");
    String later = relay.createAccount("later", fake.baseUrl(), "sk-ant-later", 2,
        "\"subscriptionExpiresAt\":\"2999-01-01T00:00:00Z\"");

    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-later");
    assertThat(account(expired).path("expired").asBoolean()).isTrue();
    assertThat(account(later).path("expired").asBoolean()).isFalse();

    relay.admin("DELETE", "/admin/claude-console-accounts/" + later, null);
    HttpResponse<String> none = ask();
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(none.body()).contains("expired");
    assertThat(fake.requestCount()).isEqualTo(1);

    HttpResponse<String> bad = relay.admin("PUT", "/admin/claude-console-accounts/" + expired,
        "{\"subscriptionExpiresAt\":\"next year\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("subscriptionExpiresAt");
    // An empty date clears it: the account serves again.
    relay.admin("PUT", "/admin/claude-console-accounts/" + expired, "{\"subscriptionExpiresAt\":\"\"}");
    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-old");
  }

  @Test
  void aCooledDownAccountReturnsToThePoolOnceItsScheduledHealthCheckPasses() throws Exception {
    String sick = relay.createAccount("sick", fake.baseUrl(), "sk-ant-sick", 1, null);
    relay.createAccount("next", fake.baseUrl(), "sk-ant-next", 2, null);
    // The real request fails (a 5xx rests the account 300 s), so does the first health check.
    fake.when("sk-ant-sick").enqueue(Behaviour.status(500), Behaviour.status(500));
    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(account(sick).path("coolingDown").asBoolean()).isTrue();

    assertThat(relay.admin("PUT", "/admin/claude-console-accounts/" + sick, "{\"healthCheckIntervalSeconds\":1}")
        .statusCode()).isEqualTo(200);
    QueueProbe.awaitUntil(() -> !account(sick).path("coolingDown").asBoolean());

    assertThat(ask().statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-sick");
    String history = relay.admin("GET", "/admin/claude-console-accounts/" + sick + "/error-history", null).body();
    assertThat(history).contains("health check failed (HTTP 500)").contains("health check passed: back in the pool");
    assertThat(account(sick).path("healthCheckIntervalSeconds").asInt()).isEqualTo(1);
  }
}
