package io.clauderelay.server.e2e;

import static io.clauderelay.server.e2e.ClaudeRelayEndToEndTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key over its concurrency limit with queueing on: requests wait for a slot in arrival order
 * instead of an immediate 429, a client that leaves the line never reaches the upstream, and the
 * line's bounds (size, wait) answer the usual 429 with Retry-After.
 */
class ConcurrencyQueueEndToEndTest {
  FakeAnthropicServer fake;
  RelayNode relay;

  void start(Map<String, String> env) {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 5, 0, 0, 0).withResponseDelay(Duration.ofMillis(300)));
    relay = new RelayNode(env);
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
    if (relay != null) relay.close();
  }

  CompletableFuture<Integer> fire(String key, int n) {
    return CompletableFuture.supplyAsync(() -> relay.post("/api/v1/messages", key, QueueProbe.body(n)).statusCode());
  }

  @Test
  void tenRequestsOnAKeyLimitedToTwoAllCompleteInArrivalOrderAndOneThatLeavesNeverGoesUpstream() throws Exception {
    start(Map.of());
    // The first two hold their slots while the line fills, and end 150 ms apart; every later one
    // takes 300 ms: slots free one at a time.
    fake.enqueue(Behaviour.ok().withUsage(10, 5, 0, 0, 0).withResponseDelay(Duration.ofMillis(4000)),
        Behaviour.ok().withUsage(10, 5, 0, 0, 0).withResponseDelay(Duration.ofMillis(4150)));
    String key = relay.createKey("{\"name\":\"q\",\"concurrencyLimit\":2,\"concurrencyQueueEnabled\":true,"
        + "\"concurrencyQueueMaxSize\":10,\"concurrencyQueueTimeoutMs\":60000}");
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    answers.add(fire(key, 1));
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    answers.add(fire(key, 2));
    assertThat(fake.awaitRequests(2, Duration.ofSeconds(10))).isTrue();
    Socket leaver = null;
    CompletableFuture<String> stream = null;
    for (int n = 3; n <= 10; n++) {
      if (n == 5) leaver = QueueProbe.sendRaw(relay, key, QueueProbe.streamBody(5));
      else
        if (n == 6)
          stream = CompletableFuture.supplyAsync(() -> relay.post("/api/v1/messages", key,
              QueueProbe.streamBody(6)).body());
        else
          answers.add(fire(key, n));
      int waiting = n - 2;
      awaitUntil(() -> QueueProbe.waiting(relay) == waiting);
    }
    // Nothing was answered to the waiting ones yet: no early 200 or stream headers, no 429.
    assertThat(answers.stream().filter(CompletableFuture::isDone).count()).isLessThanOrEqualTo(2);
    assertThat(stream).isNotDone();
    assertThat(leaver.getInputStream().available()).isZero();
    leaver.close();

    for (CompletableFuture<Integer> a : answers) assertThat(a.get()).isEqualTo(200);
    // The stream that waited is a whole stream once its turn came.
    assertThat(stream.get()).startsWith("event: message_start").contains("event: message_stop");
    assertThat(QueueProbe.arrivalOrder(fake.requests())).containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 10);
    assertThat(QueueProbe.waiting(relay)).isZero();
    assertThat(QueueProbe.waits(relay, "admitted")).isEqualTo(7);
    assertThat(QueueProbe.waits(relay, "gone")).isEqualTo(1);
    // The key's page shows its line's length (empty now) next to its queue settings.
    var queue = RelayNode.json(relay.admin("GET", "/admin/api-keys/" + relay.keyId(key) + "/limits", null).body())
        .path("data").path("queue");
    assertThat(queue.path("enabled").asBoolean()).isTrue();
    assertThat(queue.path("maxSize").asInt()).isEqualTo(10);
    assertThat(queue.path("waiting").asInt(-1)).isZero();
  }

  @Test
  void aFullLineAndAWaitPastTheTimeoutAreTheUsual429WithRetryAfter() throws Exception {
    start(Map.of());
    fake.respondByDefault(Behaviour.ok().withResponseDelay(Duration.ofMillis(1500)));
    String full = relay.createKey("{\"name\":\"f\",\"concurrencyLimit\":1,\"concurrencyQueueEnabled\":true,"
        + "\"concurrencyQueueMaxSize\":1,\"concurrencyQueueTimeoutMs\":60000}");
    CompletableFuture<Integer> first = fire(full, 1);
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    CompletableFuture<Integer> second = fire(full, 2);
    awaitUntil(() -> QueueProbe.waiting(relay) == 1);

    HttpResponse<String> third = relay.post("/api/v1/messages", full, QueueProbe.body(3));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("retry-after")).contains("1");
    assertThat(RelayNode.json(third.body()).path("concurrencyLimit").asInt()).isEqualTo(1);
    assertThat(first.get()).isEqualTo(200);
    assertThat(second.get()).isEqualTo(200);

    String impatient = relay.createKey("{\"name\":\"t\",\"concurrencyLimit\":1,\"concurrencyQueueEnabled\":true,"
        + "\"concurrencyQueueTimeoutMs\":200}");
    CompletableFuture<Integer> holder = fire(impatient, 4);
    assertThat(fake.awaitRequests(3, Duration.ofSeconds(10))).isTrue();
    HttpResponse<String> late = relay.post("/api/v1/messages", impatient, QueueProbe.body(5));
    assertThat(late.statusCode()).isEqualTo(429);
    assertThat(late.headers().firstValue("retry-after")).contains("1");
    assertThat(holder.get()).isEqualTo(200);
    assertThat(QueueProbe.waits(relay, "timeout")).isEqualTo(1);
    assertThat(fake.requestCount()).isEqualTo(3);
  }

  @Test
  void theEnvironmentDefaultQueuesKeysWithoutTheirOwnSettingAndAKeyCanOptOut() throws Exception {
    start(Map.of("CONCURRENCY_QUEUE_ENABLED", "true", "CONCURRENCY_QUEUE_MAX_SIZE", "5",
        "CONCURRENCY_QUEUE_TIMEOUT_MS", "60000"));
    String follows = relay.createKey("{\"name\":\"d\",\"concurrencyLimit\":1}");
    CompletableFuture<Integer> first = fire(follows, 1);
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    CompletableFuture<Integer> second = fire(follows, 2);
    awaitUntil(() -> QueueProbe.waiting(relay) == 1);
    assertThat(first.get()).isEqualTo(200);
    assertThat(second.get()).isEqualTo(200);

    fake.respondByDefault(Behaviour.ok().withResponseDelay(Duration.ofMillis(1500)));
    String optsOut = relay.createKey("{\"name\":\"o\",\"concurrencyLimit\":1,\"concurrencyQueueEnabled\":false}");
    CompletableFuture<Integer> holder = fire(optsOut, 3);
    assertThat(fake.awaitRequests(3, Duration.ofSeconds(10))).isTrue();
    assertThat(relay.post("/api/v1/messages", optsOut, QueueProbe.body(4)).statusCode()).isEqualTo(429);
    assertThat(holder.get()).isEqualTo(200);

    // null hands the field back to the default; a bound below 1 is refused naming the field.
    String id = relay.keyId(optsOut);
    assertThat(relay.admin("PUT", "/admin/api-keys/" + id, "{\"concurrencyQueueEnabled\":null}").statusCode())
        .isEqualTo(200);
    var queue = RelayNode.json(relay.admin("GET", "/admin/api-keys/" + id + "/limits", null).body()).path("data")
        .path("queue");
    assertThat(queue.path("enabled").asBoolean()).isTrue();
    assertThat(queue.path("maxSize").asInt()).isEqualTo(5);
    HttpResponse<String> bad = relay.admin("PUT", "/admin/api-keys/" + id, "{\"concurrencyQueueMaxSize\":0}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("concurrencyQueueMaxSize");
  }
}
