package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Settings whose effect no other end-to-end test shows, each on a real request through the relay
 * to the fake upstream: the cool-down variables, the request timeout, the key prefix, and the
 * account fields priority, schedulable, isActive and maxConcurrentTasks. docs/SETTINGS.md names
 * the test of every setting; {@code SettingsCatalogTest} keeps that list complete.
 */
class SettingEffectsEndToEndTest {
  static final String BODY = ClaudeRelayEndToEndTest.BODY;

  FakeAnthropicServer fake;
  RelayNode relay;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    fake.close();
  }

  JsonNode account(String id) {
    for (JsonNode a : RelayNode.json(relay.admin("GET", "/admin/claude-console-accounts", null).body()).path("data")) {
      if (a.path("id").asText().equals(id)) return a;
    }
    throw new AssertionError("no account " + id);
  }

  long cooledSeconds(String id, Instant before) {
    JsonNode a = account(id);
    assertThat(a.path("coolingDown").asBoolean()).as(a.toString()).isTrue();
    return Duration.between(before, Instant.parse(a.path("coolingUntil").asText())).toSeconds();
  }

  @ParameterizedTest
  @CsvSource({"UPSTREAM_ERROR_503_TTL_SECONDS,503", "UPSTREAM_ERROR_5XX_TTL_SECONDS,500",
      "UPSTREAM_ERROR_OVERLOAD_TTL_SECONDS,529", "UPSTREAM_ERROR_AUTH_TTL_SECONDS,401",
      "UPSTREAM_ERROR_TIMEOUT_TTL_SECONDS,504"})
  void eachCoolDownVariableSetsHowLongAFailedAccountRests(String variable, int status) {
    relay = new RelayNode(Map.of(variable, "777"));
    String id = relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"k\"}");
    fake.respondByDefault(Behaviour.status(status));
    Instant before = Instant.now();

    relay.post("/api/v1/messages", key, BODY);

    assertThat(cooledSeconds(id, before)).isBetween(770L, 777L);
  }

  @Test
  void theMaxCustomCoolDownCapsAnUpstreamsLongRetryAfter() {
    relay = new RelayNode(Map.of("UPSTREAM_ERROR_MAX_CUSTOM_TTL_SECONDS", "120"));
    String id = relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"k\"}");
    fake.respondByDefault(Behaviour.rateLimited(3600));
    Instant before = Instant.now();

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(429);

    assertThat(cooledSeconds(id, before)).isBetween(113L, 120L);
  }

  @Test
  void theRequestTimeoutEndsASilentUpstreamWith504AndCoolsItDown() {
    relay = new RelayNode(Map.of("REQUEST_TIMEOUT", "700"));
    String id = relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"k\"}");
    fake.respondByDefault(Behaviour.ok().withResponseDelay(Duration.ofSeconds(5)));

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
    assertThat(account(id).path("coolingReason").asText()).startsWith("timeout");
  }

  @Test
  void theKeyPrefixIsWhatNewKeysStartWithAndWhatTheRelayAccepts() {
    relay = new RelayNode(Map.of("API_KEY_PREFIX", "team_"));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"k\"}");

    assertThat(key).startsWith("team_");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", "cr_" + key.substring(5), BODY).statusCode()).isEqualTo(401);
  }

  @Test
  void theAccountWithTheLowerPriorityNumberServesFirst() {
    relay = new RelayNode();
    relay.createAccount("second", fake.baseUrl(), "sk-ant-second", 20, null);
    relay.createAccount("first", fake.baseUrl(), "sk-ant-first", 5, null);
    String key = relay.createKey("{\"name\":\"k\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-first");
  }

  @Test
  void anUnschedulableOrInactiveAccountIsLeftOutOfThePool() {
    relay = new RelayNode();
    relay.createAccount("paused", fake.baseUrl(), "sk-ant-paused", 1, "\"schedulable\":false");
    relay.createAccount("off", fake.baseUrl(), "sk-ant-off", 2, "\"isActive\":false");
    relay.createAccount("on", fake.baseUrl(), "sk-ant-on", 3, null);
    String key = relay.createKey("{\"name\":\"k\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.requests()).extracting(r -> r.credential()).containsExactly("sk-ant-on");
  }

  @Test
  void anAccountAtItsMaxConcurrentTasksSendsTheNextRequestElsewhere() throws Exception {
    relay = new RelayNode();
    relay.createAccount("one-at-a-time", fake.baseUrl(), "sk-ant-single", 1, "\"maxConcurrentTasks\":1");
    relay.createAccount("spare", fake.baseUrl(), "sk-ant-spare", 2, null);
    String key = relay.createKey("{\"name\":\"k\"}");
    fake.when("sk-ant-single").respond(Behaviour.ok().withResponseDelay(Duration.ofMillis(1500)));

    CompletableFuture<Integer> slow = CompletableFuture
        .supplyAsync(() -> relay.post("/api/v1/messages", key, BODY).statusCode());
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-spare");
    assertThat(slow.get()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"claudeConsoleAccountId", "claudeAccountId"})
  void aKeyBoundToADedicatedAccountIsServedByItAndOtherKeysNever(String field) {
    relay = new RelayNode();
    relay.createAccount("pool", fake.baseUrl(), "sk-ant-pool", 1, null);
    String dedicated = relay.createAccount("mine", fake.baseUrl(), "sk-ant-mine", 90, "\"accountType\":\"dedicated\"");
    String bound = relay.createKey("{\"name\":\"bound\",\"" + field + "\":\"" + dedicated + "\"}");
    String other = relay.createKey("{\"name\":\"other\"}");

    assertThat(relay.post("/api/v1/messages", bound, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-mine");
    fake.when("sk-ant-pool").respond(Behaviour.status(503));
    HttpResponse<String> r = relay.post("/api/v1/messages", other, BODY);
    assertThat(fake.requests()).extracting(x -> x.credential())
        .as("a dedicated account takes no shared traffic: " + r.body())
        .containsExactly("sk-ant-mine", "sk-ant-pool");
  }

  @Test
  void aServiceRateMultipliesWhatTheKeyIsCharged() throws InterruptedException {
    relay = new RelayNode();
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    String key = relay.createKey("{\"name\":\"k\",\"serviceRates\":{\"claude\":2}}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    // $0.018 at list price (1,000 × $3/M + 1,000 × $15/M), twice that at rate 2.
    ClaudeRelayEndToEndTest.awaitUntil(() -> relay.totals(key).path("requests").asLong() == 1);
    assertThat(relay.totals(key).path("cost").decimalValue()).isEqualByComparingTo("0.036");
  }

  @ParameterizedTest
  @CsvSource({"tokenLimit,1500", "rateLimitCost,0.01"})
  void aWindowTokenOrCostLimitRefusesOnceTheWindowHasUsedIt(String field, String limit) throws InterruptedException {
    relay = new RelayNode();
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    String key = relay.createKey("{\"name\":\"k\",\"rateLimitWindow\":60,\"" + field + "\":" + limit + "}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    ClaudeRelayEndToEndTest.awaitUntil(() -> relay.totals(key).path("requests").asLong() == 1);
    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void theTimezoneOffsetMovesTheDayBoundaryOfDailyLimits() {
    relay = new RelayNode(Map.of("TIMEZONE_OFFSET", "5"));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    String key = relay.createKey("{\"name\":\"k\",\"dailyCostLimit\":0.01}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(402);
    assertThat(RelayNode.json(r.body()).path("resetAt").asText()).as("midnight at UTC+5").endsWith("T19:00:00Z");
  }

  @Test
  void aWeeklyCostLimitRefusesOnceTheWeekHasUsedIt() {
    relay = new RelayNode();
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    String key = relay.createKey("{\"name\":\"k\",\"weeklyCostLimit\":0.01}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).isEqualTo(402);
    assertThat(RelayNode.json(r.body()).path("error").path("code").asText()).isEqualTo("weekly_cost_limit_exceeded");
  }

  @Test
  void anActivationKeyStartsItsLifetimeAtFirstUse() {
    relay = new RelayNode();
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    String key = relay.createKey("{\"name\":\"k\",\"expirationMode\":\"activation\",\"activationDays\":2,"
        + "\"activationUnit\":\"hours\"}");
    assertThat(keyInfo(key).path("expiresAt").isNull()).as("not used yet: no expiry").isTrue();

    Instant before = Instant.now();
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    Instant expires = Instant.parse(keyInfo(key).path("expiresAt").asText());
    assertThat(Duration.between(before, expires).toMinutes()).isBetween(119L, 120L);
  }

  JsonNode keyInfo(String key) {
    return RelayNode.json(relay.send("GET", "/api/v1/key-info", Map.of("x-api-key", key), null).body()).path("keyInfo");
  }

  @Test
  void aKeyBoundToAGroupIsServedByTheGroupsAccounts() {
    relay = new RelayNode();
    relay.createAccount("outside", fake.baseUrl(), "sk-ant-outside", 1, null);
    relay.createAccount("member", fake.baseUrl(), "sk-ant-member", 90, "\"groupIds\":[\"team\"]");
    String key = relay.createKey("{\"name\":\"k\",\"claudeConsoleAccountId\":\"group:team\"}");

    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-member");
  }

  @Test
  void anAdminSessionEndsAfterTheSessionTimeout() throws InterruptedException {
    relay = new RelayNode(Map.of("ADMIN_SESSION_TIMEOUT", "2000"));
    assertThat(relay.admin("GET", "/admin/api-keys", null).statusCode()).isEqualTo(200);

    ClaudeRelayEndToEndTest.awaitUntil(() -> relay.admin("GET", "/admin/api-keys", null).statusCode() == 401);
  }

  @Test
  void theCleanupSwitchesExpiredKeysOffEveryCleanupInterval() throws InterruptedException {
    relay = new RelayNode(Map.of("CLEANUP_INTERVAL", "1000"));
    String key = relay.createKey("{\"name\":\"k\",\"expiresAt\":\"" + Instant.now().plusSeconds(2) + "\"}");
    String id = relay.keyId(key);

    ClaudeRelayEndToEndTest.awaitUntil(() -> !RelayNode.json(relay.admin("GET", "/admin/api-keys/" + id, null).body())
        .path("data").path("isActive").asBoolean(true));
  }

  HttpResponse<String> login(String forwardedFor, String user, String password) {
    return relay.send("POST", "/web/auth/login",
        Map.of("content-type", "application/json", "x-forwarded-for", forwardedFor),
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
  }

  @ParameterizedTest
  @CsvSource({"true,200", "false,429"})
  void behindATrustedProxyTheLoginThrottleCountsTheForwardedClient(String trust, int otherClientStatus) {
    relay = new RelayNode(Map.of("TRUST_PROXY", trust));
    // The fifth failure already answers 429: it is the one that locks.
    for (int i = 1; i <= 5; i++) assertThat(login("10.0.0.9", "nobody" + i, "wrong").statusCode()).isIn(401, 429);

    assertThat(login("10.0.0.9", "admin", RelayNode.ADMIN_PASSWORD).statusCode()).isEqualTo(429);
    assertThat(login("10.0.0.10", "admin", RelayNode.ADMIN_PASSWORD).statusCode())
        .as("another client behind the proxy").isEqualTo(otherClientStatus);
  }

  @Test
  void aConversationStaysOnItsAccountForTheStickySessionTtlOnly() throws InterruptedException {
    relay = new RelayNode(Map.of("STICKY_SESSION_TTL_HOURS", "0.002", "UPSTREAM_ERROR_503_TTL_SECONDS", "1"));
    String preferred = relay.createAccount("preferred", fake.baseUrl(), "sk-ant-preferred", 1, null);
    relay.createAccount("spare", fake.baseUrl(), "sk-ant-spare", 2, null);
    String key = relay.createKey("{\"name\":\"k\"}");
    Map<String, String> session = Map.of("content-type", "application/json", "x-api-key", key, "session_id", "conv-1");
    fake.when("sk-ant-preferred").enqueue(Behaviour.status(503));

    assertThat(relay.send("POST", "/api/v1/messages", session, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).as("the preferred account failed once").isEqualTo("sk-ant-spare");
    ClaudeRelayEndToEndTest.awaitUntil(() -> !account(preferred).path("coolingDown").asBoolean());

    assertThat(relay.send("POST", "/api/v1/messages", session, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).as("within the TTL: the conversation's account")
        .isEqualTo("sk-ant-spare");

    Thread.sleep(8_000); // past the 7.2 s session TTL, renewed by the second request
    assertThat(relay.send("POST", "/api/v1/messages", session, BODY).statusCode()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).as("past the TTL: the pool's first again")
        .isEqualTo("sk-ant-preferred");
  }
}
