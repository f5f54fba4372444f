package io.clauderelay.server.cluster;

import static io.clauderelay.server.e2e.QueueProbe.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.QueueProbe;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one Redis share each key's concurrency queue: arrivals on either node are served in order. */
class TwoNodesShareOneQueueTest {
  static final String PASSWORD = "one-queue";

  RedisServerProcess redis;
  FakeAnthropicServer fake;
  RelayNode a;
  RelayNode b;

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 5, 0, 0, 0).withResponseDelay(Duration.ofMillis(250)));
    a = RelayNode.onRedis(redis.port(), PASSWORD);
    b = RelayNode.onRedis(redis.port(), PASSWORD);
    a.createAccount("upstream", fake.baseUrl(), "sk-ant-shared");
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
    if (a != null) a.close();
    if (b != null) b.close();
    if (redis != null) redis.close();
  }

  @Test
  void requestsWaitingOnEitherNodeAreServedInTheOrderTheyArrived() throws Exception {
    String key = a.createKey("{\"name\":\"shared\",\"concurrencyLimit\":1,\"concurrencyQueueEnabled\":true,"
        + "\"concurrencyQueueMaxSize\":10,\"concurrencyQueueTimeoutMs\":60000}");
    // The first holds the only slot while the line fills on both nodes.
    fake.enqueue(Behaviour.ok().withUsage(10, 5, 0, 0, 0).withResponseDelay(Duration.ofMillis(4000)));
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    answers.add(CompletableFuture.supplyAsync(() -> a.post("/api/v1/messages", key, QueueProbe.body(1)).statusCode()));
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    for (int n = 2; n <= 7; n++) {
      RelayNode node = n % 2 == 0 ? b : a;
      int nth = n;
      answers.add(CompletableFuture.supplyAsync(() -> node.post("/api/v1/messages", key, QueueProbe.body(nth))
          .statusCode()));
      awaitUntil(() -> QueueProbe.waiting(a) + QueueProbe.waiting(b) == nth - 1);
    }

    for (CompletableFuture<Integer> f : answers) assertThat(f.get()).isEqualTo(200);
    assertThat(QueueProbe.arrivalOrder(fake.requests())).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(QueueProbe.waits(a, "admitted") + QueueProbe.waits(b, "admitted")).isEqualTo(6);
  }
}
