package io.clauderelay.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.server.RelayApp;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watched alerts over a running relay's stores, with the watch driven by the test instead of
 * its timer: a key at 80 % and then 100 % of its daily cost limit (each once), an account at 80 %
 * and then 100 % of its daily quota (each once), an account whose
 * cool-down has passed (recovery), and failed store round trips.
 */
class AlertWatchTest {
  static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  FakeAnthropicServer fake;
  FakeWebhookReceiver hooks;
  RelayNode relay;
  Alerts alerts;
  AlertWatch watch;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    hooks = new FakeWebhookReceiver();
    relay = new RelayNode();
    AlertEventsEndToEndTest.enableCustom(relay, hooks.url("/hook"));
    RelayApp s = relay.app;
    Clock clock = Clock.systemUTC();
    WebhookConfigStore configs = new WebhookConfigStore(relay.app.settings(), s.cipher(), clock);
    alerts = new Alerts(relay.app.vertx(), configs, new AlertSender(relay.app.vertx(), clock),
        (name, owner, ttl) -> CompletableFuture.completedFuture(true), s.accounts(), clock, ZoneOffset.UTC);
    watch = new AlertWatch(alerts, s.accounts(), s.accountState(), s.keys(), s.ledger(),
        new JournalingUsageLedger(s.ledger(), 16),
        new TimeBuckets(ZoneOffset.UTC), clock);
  }

  @AfterEach
  void stop() {
    relay.close();
    hooks.close();
    fake.close();
  }

  List<JsonNode> events(String type) {
    return hooks.at("/hook").stream().map(FakeWebhookReceiver.Received::json)
        .filter(j -> j.path("type").asText().equals(type))
        .toList();
  }

  /** Usage is settled just after the answer: the scan must see it. */
  void awaitSettled(String key, long requests) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (relay.totals(key).path("requests").asLong() < requests && System.nanoTime() < deadline) Thread.sleep(20);
  }

  void awaitEvents(String type, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events(type).size() < n && System.nanoTime() < deadline) Thread.sleep(20);
    Thread.sleep(200);
    assertThat(events(type)).hasSize(n);
  }

  @Test
  void aKeyAt80AndThen100PercentOfItsDailyLimitIsAnnouncedOnceEach() throws Exception {
    // 1,995 micro-dollars per request (see ClaudeRelayEndToEndTest); the limit is $0.0024 = 2,400:
    // 83 % after one request, 166 % after two.
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a");
    String key = relay.createKey("{\"name\":\"carol\",\"dailyCostLimit\":0.0024}");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    awaitSettled(key, 1);
    watch.quotas().await();
    awaitEvents("quotaWarning", 1);
    assertThat(events("quotaWarning").get(0).path("data").path("percent").asInt()).isEqualTo(80);
    assertThat(events("quotaWarning").get(0).path("data").path("keyName").asText()).isEqualTo("carol");
    assertThat(events("quotaWarning").get(0).toString()).doesNotContain(key);

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    awaitSettled(key, 2);
    watch.quotas().await();
    watch.quotas().await();
    awaitEvents("quotaWarning", 2);
    assertThat(events("quotaWarning").get(1).path("data").path("percent").asInt()).isEqualTo(100);
    assertThat(events("quotaWarning").get(1).path("data").path("limit").asText()).isEqualTo("dailyCost");
  }

  /** The account's day cost is added just after settlement: the scan must see it. */
  void awaitAccountCost(String accountId, String atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    java.math.BigDecimal want = new java.math.BigDecimal(atLeast);
    while (System.nanoTime() < deadline
        && RelayNode.json(relay.admin("GET", "/admin/claude-console-accounts/" + accountId,
            null).body()).path("data").path("todayCost").decimalValue().compareTo(want) < 0) {
      Thread.sleep(20);
    }
  }

  @Test
  void anAccountAt80AndThen100PercentOfItsDailyQuotaIsAnnouncedOnceEach() throws Exception {
    // 1,995 micro-dollars of list price per request; the quota is $0.0024 = 2,400: 83 %, then 166 %.
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    String accountId = relay.createAccount("metered", fake.baseUrl(), "sk-ant-metered", 50, "\"dailyQuota\":0.0024");
    String key = relay.createKey("{\"name\":\"dave\"}");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    awaitAccountCost(accountId, "0.001995");
    watch.quotas().await();
    watch.quotas().await();
    awaitEvents("quotaWarning", 1);
    JsonNode warning = events("quotaWarning").get(0).path("data");
    assertThat(warning.path("subject").asText()).isEqualTo("account");
    assertThat(warning.path("accountName").asText()).isEqualTo("metered");
    assertThat(warning.path("limit").asText()).isEqualTo("dailyQuota");
    assertThat(warning.path("percent").asInt()).isEqualTo(80);
    assertThat(warning.path("used").asText()).isEqualTo("$0.001995");
    assertThat(warning.path("limitValue").asText()).isEqualTo("$0.0024");
    assertThat(events("quotaWarning").get(0).toString()).doesNotContain("sk-ant-metered");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    awaitAccountCost(accountId, "0.00399");
    watch.quotas().await();
    watch.quotas().await();
    awaitEvents("quotaWarning", 2);
    assertThat(events("quotaWarning").get(1).path("data").path("percent").asInt()).isEqualTo(100);
    assertThat(events("quotaWarning").get(1).path("data").path("accountId").asText()).isEqualTo(accountId);
  }

  @Test
  void anAccountWhoseCoolDownPassedIsAnnouncedAsRecovered() throws Exception {
    String id = relay.createAccount("flaky", fake.baseUrl(), "sk-ant-flaky");
    Instant until = Instant.now().plusMillis(1500);
    alerts.cooledDown(id, until, "rate_limited (HTTP 429)");
    watch.tick();
    awaitEvents("accountAnomaly", 1);
    if (Instant.now().isBefore(until)) {
      assertThat(events("rateLimitRecovery")).as("not before the cool-down ends").isEmpty();
    }
    while (!Instant.now().isAfter(until)) Thread.sleep(50);
    watch.tick();
    awaitEvents("rateLimitRecovery", 1);
    assertThat(events("rateLimitRecovery").get(0).path("data").path("accountName").asText()).isEqualTo("flaky");
    watch.tick();
    Thread.sleep(200);
    assertThat(events("rateLimitRecovery")).hasSize(1);
  }

  @Test
  void blockedAndRefreshFailedAccountsAreAnomaliesWithTheirStatus() throws Exception {
    String id = relay.createAccount("suspended", fake.baseUrl(), "sk-ant-suspended");
    alerts.accountBlocked(id, "blocked by the upstream (HTTP 400)");
    alerts.oauthRefresh(id, false, "token refresh failed");
    awaitEvents("accountAnomaly", 2);
    assertThat(events("accountAnomaly")).extracting(e -> e.path("data").path("status").asText())
        .containsExactlyInAnyOrder("blocked", "error");
    assertThat(events("accountAnomaly")).extracting(e -> e.path("data").path("errorCode").asText())
        .containsExactlyInAnyOrder("ACCOUNT_BLOCKED", "CLAUDE_OAUTH_REFRESH_FAILED");
  }

  @Test
  void failedStoreRoundTripsRaiseOneSystemError() throws Exception {
    alerts.storeCall("admit", 1_000, false);
    watch.tick();
    alerts.storeCall("admit", 1_000, false);
    watch.tick();
    awaitEvents("systemError", 1);
    assertThat(events("systemError").get(0).path("data").path("event").asText()).isEqualTo("store_unavailable");
  }
}
