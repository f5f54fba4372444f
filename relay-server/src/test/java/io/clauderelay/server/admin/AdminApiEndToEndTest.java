package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP: key life cycle, account actions, groups, reports, login throttling. */
class AdminApiEndToEndTest {
  static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  FakeAnthropicServer fake;
  RelayNode relay;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
    relay = new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  JsonNode data(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data");
  }

  @Test
  void batchCreatedKeysAreListedWithFiltersPagingAndTotal() {
    JsonNode batch = data(
        relay.admin("POST", "/admin/api-keys/batch", "{\"baseName\":\"team\",\"count\":3,\"tags\":[\"ops\"]}"));
    relay.createKey("{\"name\":\"solo\"}");

    assertThat(batch).hasSize(3);
    assertThat(batch.get(0).path("name").asText()).isEqualTo("team_1");
    assertThat(batch.get(2).path("apiKey").asText()).startsWith("cr_");
    JsonNode page = data(relay.admin("GET", "/admin/api-keys?tag=ops&page=2&pageSize=2", null));
    assertThat(page.path("total").asInt()).isEqualTo(3);
    assertThat(page.path("items")).hasSize(1);
    assertThat(page.path("items").get(0).has("apiKey")).isFalse();
    assertThat(data(relay.admin("GET", "/admin/api-keys?search=solo", null)).path("total").asInt()).isEqualTo(1);
    assertThat(data(relay.admin("GET", "/admin/api-keys/tags", null)).get(0).path("count").asInt()).isEqualTo(3);
  }

  @Test
  void wrongInputsAreRefusedWithA400NamingTheField() {
    for (String[] c : new String[][]{
        {"POST", "/admin/api-keys/batch", "{\"baseName\":\"x\",\"count\":0}", "count"},
        {"POST", "/admin/api-keys/batch", "{\"count\":2}", "baseName"},
        {"GET", "/admin/api-keys?pageSize=0", null, "pageSize"},
        {"GET", "/admin/api-keys?isActive=maybe", null, "isActive"},
        {"GET", "/admin/model-stats?day=yesterday", null, "day"},
        {"POST", "/admin/account-groups", "{\"name\":\"a b\",\"memberIds\":[\"x\"]}", "name"}}) {
      HttpResponse<String> r = relay.admin(c[0], c[1], c[2]);
      assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
      assertThat(RelayNode.json(r.body()).path("message").asText()).as(c[1]).startsWith(c[3] + " ");
    }
  }

  @Test
  void aKeyCanBeDisabledExtendedSoftDeletedRestoredAndDeletedForGood() {
    String key = relay.createKey("{\"name\":\"life\"}");
    String id = relay.keyId(key);

    assertThat(data(relay.admin("PUT", "/admin/api-keys/" + id + "/toggle", "{}")).path("isActive").asBoolean())
        .isFalse();
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(401);
    data(relay.admin("PUT", "/admin/api-keys/" + id + "/toggle", "{}"));
    JsonNode extended = data(relay.admin("POST", "/admin/api-keys/" + id + "/extend-expiry", "{\"days\":30}"));
    assertThat(extended.path("expiresAt").asText()).isNotEmpty();
    data(relay.admin("PATCH", "/admin/api-keys/" + id + "/expiration", "{\"expiresAt\":\"\"}"));
    assertThat(data(relay.admin("GET", "/admin/api-keys/" + id, null)).path("expiresAt").asText()).isEmpty();

    data(relay.admin("DELETE", "/admin/api-keys/" + id, null));
    assertThat(data(relay.admin("GET", "/admin/api-keys/deleted", null)).findValuesAsText("id")).contains(id);
    data(relay.admin("POST", "/admin/api-keys/" + id + "/restore", null));
    assertThat(data(relay.admin("GET", "/admin/api-keys/deleted", null)).findValuesAsText("id")).doesNotContain(id);

    assertThat(relay.admin("DELETE", "/admin/api-keys/" + id + "/permanent", null).statusCode()).isEqualTo(400);
    data(relay.admin("DELETE", "/admin/api-keys/" + id, null));
    data(relay.admin("DELETE", "/admin/api-keys/" + id + "/permanent", null));
    assertThat(relay.admin("GET", "/admin/api-keys/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void anAccountCanBeUpdatedToggledTestedResetAndGrouped() {
    String id = relay.createAccount("acct", fake.baseUrl(), "sk-ant-first-credential");
    String path = "/admin/claude-console-accounts/" + id;

    JsonNode updated = data(
        relay.admin("PUT", path, "{\"name\":\"renamed\",\"apiKey\":\"sk-ant-second-credential\",\"priority\":7}"));
    assertThat(updated.path("name").asText()).isEqualTo("renamed");
    assertThat(updated.toString()).doesNotContain("credential");
    JsonNode test = data(relay.admin("POST", path + "/test", "{}"));
    assertThat(test.path("status").asInt()).isEqualTo(200);
    assertThat(fake.requests().get(fake.requests().size() - 1).credential()).isEqualTo("sk-ant-second-credential");

    assertThat(data(relay.admin("PUT", path + "/toggle-schedulable", "{}")).path("schedulable").asBoolean()).isFalse();
    assertThat(data(relay.admin("PUT", path + "/toggle", "{}")).path("isActive").asBoolean()).isFalse();
    relay.app.accountState()
        .coolDown(id, java.time.Instant.now().plusSeconds(600), "server_error (HTTP 500)")
        .toCompletableFuture().join();
    assertThat(data(relay.admin("GET", path, null)).path("coolingDown").asBoolean()).isTrue();
    assertThat(data(relay.admin("GET", path + "/error-history", null)).get(0).path("reason").asText())
        .contains("HTTP 500");
    data(relay.admin("POST", path + "/reset-status", null));
    assertThat(data(relay.admin("GET", path, null)).path("coolingDown").asBoolean()).isFalse();

    JsonNode group = data(
        relay.admin("POST", "/admin/account-groups", "{\"name\":\"pool\",\"memberIds\":[\"" + id + "\"]}"));
    assertThat(group.path("memberCount").asInt()).isEqualTo(1);
    assertThat(data(relay.admin("GET", path, null)).path("groupIds").get(0).asText()).isEqualTo("pool");
    data(relay.admin("DELETE", "/admin/account-groups/pool", null));
    assertThat(data(relay.admin("GET", "/admin/account-groups", null))).isEmpty();

    data(relay.admin("DELETE", path, null));
    assertThat(relay.admin("GET", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void reportsAndDashboardCountServedRequests() {
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"busy\"}");
    String id = relay.keyId(key);
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);

    JsonNode dash = data(relay.admin("GET", "/admin/dashboard", null));
    assertThat(dash.path("recentActivity").path("requestsToday").asLong()).isEqualTo(2);
    assertThat(dash.path("recentActivity").path("tokensToday").asLong()).isEqualTo(60);
    assertThat(dash.path("overview").path("totalApiKeys").asInt()).isEqualTo(1);
    assertThat(dash.path("overview").path("normalAccounts").asInt()).isEqualTo(1);
    // Sonnet 4.5: 10 in × $3 + 20 out × $15 per million = 330 micro-dollars a request.
    assertThat(dash.path("todayCost").path("cost").decimalValue()).isEqualByComparingTo("0.00066");
    assertThat(data(relay.admin("GET", "/admin/model-stats", null)).get(0).path("requests").asLong()).isEqualTo(2);
    assertThat(data(relay.admin("GET", "/admin/usage-stats?keyId=" + id, null)).path("total").path("requests").asLong())
        .isEqualTo(2);
    assertThat(data(relay.admin("GET", "/admin/api-keys/top", null)).get(0).path("keyId").asText()).isEqualTo(id);
    assertThat(data(relay.admin("GET", "/admin/api-keys/" + id + "/usage-records", null))).hasSize(2);
    assertThat(data(relay.admin("GET", "/admin/accounts/usage-stats", null)).get(0).path("requests").asLong())
        .isEqualTo(2);
    assertThat(data(relay.admin("GET", "/admin/usage-trend?days=3", null))).hasSize(3);
    assertThat(data(relay.admin("GET", "/admin/usage-costs", null)).path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void fiveFailedLoginsLockTheUserOutWithRetryAfterEvenForTheRightPassword() {
    for (int i = 0; i < 4; i++) {
      assertThat(login("wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> fifth = login("wrong-5");
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(fifth.headers().firstValue("retry-after")).isPresent();

    HttpResponse<String> right = login("correct horse battery staple");
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(right.headers().firstValue("retry-after").orElseThrow())).isPositive();
  }

  @Test
  void theKeyOwnerSeesUsageAndLimitsWithTheKeyButNotWithItsIdAlone() {
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String key = relay.createKey("{\"name\":\"owner\",\"dailyCostLimit\":2}");
    relay.post("/api/v1/messages", key, BODY);

    HttpResponse<String> mine = relay.send("POST", "/apiStats/api/user-stats",
        Map.of("content-type", "application/json"),
        "{\"apiKey\":\"" + key + "\"}");
    JsonNode d = data(mine);
    assertThat(d.path("name").asText()).isEqualTo("owner");
    assertThat(d.path("usage").path("total").path("requests").asLong()).isEqualTo(1);
    assertThat(d.path("limits").path("dailyCostLimit").decimalValue()).isEqualByComparingTo("2");
    assertThat(d.path("limits").path("remainingDailyCost").decimalValue()).isEqualByComparingTo("1.99967");
    HttpResponse<String> byId = relay.send("POST", "/apiStats/api/user-stats",
        Map.of("content-type", "application/json"),
        "{\"apiId\":\"" + d.path("id").asText() + "\"}");
    assertThat(byId.statusCode()).isEqualTo(400);
    assertThat(relay.send("POST", "/apiStats/api/user-stats", Map.of("content-type", "application/json"),
        "{\"apiKey\":\"cr_not-a-real-key-at-all\"}").statusCode()).isEqualTo(401);
    assertThat(relay.get("/apiStats/").body()).contains("Your API key");
    assertThat(relay.get("/admin-next/").body()).contains("Admin login");
  }

  HttpResponse<String> login(String password) {
    return relay.send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
        "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
  }
}
