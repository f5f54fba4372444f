package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account's {@code dailyQuota}: what it served (at list price) adds up at settlement, and once
 * the day's total reaches the quota the account leaves the pool (until the day rolls over, which
 * the store contract shows).
 */
class AccountDailyQuotaEndToEndTest {
  static final String BODY = ClaudeRelayEndToEndTest.BODY;

  FakeAnthropicServer fake;
  RelayNode relay;
  String key;

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    // Sonnet 4.5: 1,000 × $3/M + 1,000 × $15/M = $0.018 per request, over a $0.01 quota.
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    relay = newNode();
    key = relay.createKey("{\"name\":\"alice\"}");
  }

  /** The node under test: embedded stores here, Redis in {@link AccountDailyQuotaOnRedisEndToEndTest}. */
  RelayNode newNode() {
    return new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
    afterNode();
  }

  /** Stops what {@link #newNode} started beside the node, once the node is closed. */
  void afterNode() {}

  long todayCost(String accountId) {
    return relay.app.accountState().runtime(List.of(accountId), Instant.now()).toCompletableFuture().join()
        .getOrDefault(accountId, AccountRuntime.IDLE).todayCostMicros();
  }

  @Test
  void anAccountOverItsDailyQuotaLeavesThePoolAndTheNextAccountServes() throws InterruptedException {
    String capped = relay.createAccount("capped", fake.baseUrl(), "sk-ant-capped", 1, "\"dailyQuota\":0.01");
    relay.createAccount("spare", fake.baseUrl(), "sk-ant-spare", 2, null);

    HttpResponse<String> first = relay.post("/api/v1/messages", key, BODY);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).isEqualTo("sk-ant-capped");
    ClaudeRelayEndToEndTest.awaitUntil(() -> todayCost(capped) > 0);
    assertThat(todayCost(capped)).as("list price, micro-dollars").isEqualTo(18_000);

    HttpResponse<String> second = relay.post("/api/v1/messages", key, BODY);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(fake.lastRequest().credential()).as("the capped account is out of the pool").isEqualTo("sk-ant-spare");
  }

  @Test
  void withOnlyAnAccountOverItsQuotaTheClientIsToldWhy() throws InterruptedException {
    String capped = relay.createAccount("capped", fake.baseUrl(), "sk-ant-capped", 1, "\"dailyQuota\":0.01");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    ClaudeRelayEndToEndTest.awaitUntil(() -> todayCost(capped) > 0);

    HttpResponse<String> refused = relay.post("/api/v1/messages", key, BODY);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("daily quota");
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void anAccountWithoutAQuotaKeepsServing() throws InterruptedException {
    String open = relay.createAccount("open", fake.baseUrl(), "sk-ant-open", 1, null);
    for (int i = 0; i < 3; i++) assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    ClaudeRelayEndToEndTest.awaitUntil(() -> todayCost(open) == 54_000);
    assertThat(fake.requestCount()).isEqualTo(3);
  }
}
