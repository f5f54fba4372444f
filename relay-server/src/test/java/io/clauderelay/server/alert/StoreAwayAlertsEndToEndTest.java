package io.clauderelay.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own trouble reaches the operator while it lasts: a streamed request whose Redis dies
 * under it is answered, its settlement waits in the journal, and the watch announces the journal
 * backlog and the failed store round trips once each, with the alert configuration this node read
 * before the outage; once Redis is back, the journal drains. The watch is ticked by the test
 * instead of its 15 s timer.
 */
class StoreAwayAlertsEndToEndTest {
  static final String PASSWORD = "away";
  static final String STREAM = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  FakeAnthropicServer fake;
  FakeWebhookReceiver hooks;
  RedisServerProcess redis;
  RelayNode relay;

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    fake = FakeAnthropicServer.start();
    hooks = new FakeWebhookReceiver();
    redis = RedisServerProcess.start(PASSWORD);
    relay = RelayNode.onRedis(redis.port(), PASSWORD);
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (redis != null) redis.close();
    if (hooks != null) hooks.close();
    if (fake != null) fake.close();
  }

  List<JsonNode> systemErrors(String event) {
    return hooks.at("/hook").stream().map(FakeWebhookReceiver.Received::json)
        .filter(j -> j.path("type").asText().equals("systemError"))
        .filter(j -> j.path("data").path("event").asText().equals(event)).toList();
  }

  static void waitFor(java.util.function.BooleanSupplier done, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(20);
  }

  long journalPending() {
    HttpResponse<String> r = relay.get("/metrics");
    return r.body().lines().filter(l -> l.startsWith("relay_journal_pending")).findFirst()
        .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1L);
  }

  @Test
  void aJournalGrowingWhileTheStoreIsAwayIsAnnouncedOnceDuringTheOutage() throws Exception {
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0).slow(Duration.ofMillis(250)));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a");
    String key = relay.createKey("{\"name\":\"erin\"}");
    AlertEventsEndToEndTest.enableCustom(relay, hooks.url("/hook"));
    assertThat(journalPending()).isZero();

    CompletableFuture<HttpResponse<String>> streamed = CompletableFuture
        .supplyAsync(() -> relay.post("/api/v1/messages", key, STREAM));
    waitFor(() -> fake.requests().size() == 1, Duration.ofSeconds(10));
    assertThat(fake.requests()).as("the request reached the upstream").hasSize(1);
    int port = redis.port();
    redis.kill();
    HttpResponse<String> answer = streamed.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("message_stop");

    AlertWatch watch = relay.app.alertWatch();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while ((systemErrors("journal_backlog").isEmpty() || systemErrors("store_unavailable").isEmpty())
        && System.nanoTime() < deadline) {
      watch.tick();
      TimeUnit.MILLISECONDS.sleep(500);
    }
    assertThat(systemErrors("journal_backlog")).as("announced while Redis is still away").hasSize(1);
    assertThat(systemErrors("journal_backlog").get(0).path("data").path("message").asText())
        .startsWith("1 usage settlements wait in the journal");
    assertThat(systemErrors("store_unavailable")).hasSize(1);
    for (int i = 0; i < 3; i++) watch.tick();
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(systemErrors("journal_backlog")).as("once, however often the watch looks").hasSize(1);
    assertThat(systemErrors("store_unavailable")).hasSize(1);
    assertThat(hooks.at("/hook").toString()).doesNotContain(key).doesNotContain("sk-ant-a");

    redis = RedisServerProcess.startOnPort(port, PASSWORD);
    waitFor(() -> journalPending() == 0, Duration.ofSeconds(30));
    assertThat(journalPending()).as("the journaled settlement is replayed once Redis is back").isZero();
  }
}
