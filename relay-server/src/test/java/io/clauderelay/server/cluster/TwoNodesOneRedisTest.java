package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two relay nodes on one Redis: 200 simultaneous requests on one key, half to each node, admit
 * exactly the key's limit, whichever limit it is; a node that stops releases only its own leases.
 */
class TwoNodesOneRedisTest {
  static final String PASSWORD = "two-nodes";

  RedisServerProcess redis;
  FakeAnthropicServer fake;
  RelayNode a;
  RelayNode b;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    fake = FakeAnthropicServer.start();
    a = RelayNode.onRedis(redis.port(), PASSWORD);
    b = RelayNode.onRedis(redis.port(), PASSWORD);
    a.createAccount("upstream", fake.baseUrl(), "sk-ant-shared");
  }

  @AfterEach
  void stop() {
    // The upstream first: its hanging answers end, so the nodes stop without waiting out their grace.
    if (fake != null) fake.close();
    if (a != null) a.close();
    if (b != null) b.close();
    if (redis != null) redis.close();
  }

  /** Fires {@code n} requests at once, alternating between the two nodes. */
  List<CompletableFuture<Integer>> fire(int n, String key, String body) {
    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RelayNode node = i % 2 == 0 ? a : b;
      HttpRequest req = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/messages"))
          .timeout(Duration.ofSeconds(60))
          .header("x-api-key", key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
    }
    return all;
  }

  /** Fires {@code n} requests at once and waits for every answer; returns status → count. */
  Map<Integer, Long> burst(int n, String key, String body) {
    return fire(n, key, body).stream().map(CompletableFuture::join)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /**
   * With an upstream that never answers, the admitted requests stay in flight for as long as the
   * test looks, however slow the machine: exactly {@code admitted} reach the upstream and the
   * rest are refused with {@code refusal}.
   */
  void assertExactlyAdmittedWhileInFlight(List<CompletableFuture<Integer>> requests, int admitted, int refusal)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (requests.stream().filter(CompletableFuture::isDone).count() < requests.size() - admitted
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    Map<Integer, Long> answered = requests.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(answered).containsOnlyKeys(refusal).containsEntry(refusal, (long) (requests.size() - admitted));
    assertThat(fake.awaitRequests(admitted, Duration.ofSeconds(10))).isTrue();
    assertThat(fake.requestCount()).isEqualTo(admitted);
  }

  static String body(int padding) {
    return "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
        + "x".repeat(padding) + "\"}]}";
  }

  @Test
  void concurrencyLimitOf100AdmitsExactly100Of200AcrossTwoNodes() throws Exception {
    fake.respondByDefault(Behaviour.hang());
    String key = a.createKey("{\"name\":\"c100\",\"concurrencyLimit\":100}");
    assertExactlyAdmittedWhileInFlight(fire(200, key, body(10)), 100, 429);
  }

  @Test
  void windowLimitOf100AdmitsExactly100Of200AcrossTwoNodes() {
    fake.respondByDefault(Behaviour.ok());
    String key = a.createKey("{\"name\":\"w100\",\"rateLimitWindow\":60,\"rateLimitRequests\":100}");
    Map<Integer, Long> statuses = burst(200, key, body(10));
    assertThat(statuses).containsOnlyKeys(200, 429).containsEntry(200, 100L).containsEntry(429, 100L);
  }

  @Test
  void aCostCapAdmitsExactlyWhatItsReservationsAllow() throws Exception {
    // Each request holds its prompt's estimated cost (4,000 bytes ≈ 1,000 tokens × $3/M = $0.003)
    // until it settles; the upstream never answers, so all admitted requests stay in flight.
    fake.respondByDefault(Behaviour.hang());
    String body = body(4000 - body(0).length());
    assertThat(body).hasSize(4000);
    String key = a.createKey("{\"name\":\"cost\",\"dailyCostLimit\":0.3}");
    assertExactlyAdmittedWhileInFlight(fire(200, key, body), 100, 402);
  }

  @Test
  void aNodeThatStopsReleasesOnlyItsOwnLeases() throws Exception {
    fake.respondByDefault(Behaviour.ok().slow(Duration.ofMillis(400)));
    String key = a.createKey("{\"name\":\"leases\",\"concurrencyLimit\":4}");
    String stream = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    List<CompletableFuture<HttpResponse<Void>>> running = new ArrayList<>();
    for (RelayNode node : List.of(a, a, b, b)) {
      running.add(http.sendAsync(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/messages"))
          .header("x-api-key", key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(stream)).build(), HttpResponse.BodyHandlers.discarding()));
    }
    assertThat(fake.awaitRequests(4, Duration.ofSeconds(10))).isTrue();
    assertThat(a.usage(key).path("limits").path("currentConcurrency").asInt()).isEqualTo(4);

    a.app.stop(Duration.ZERO);
    a = null;

    assertThat(b.usage(key).path("limits").path("currentConcurrency").asInt()).isEqualTo(2);
    for (CompletableFuture<HttpResponse<Void>> r : running) r.handle((x, e) -> null).get();
    // Settlement (which releases the lease) follows the last byte the client received.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (b.usage(key).path("limits").path("currentConcurrency").asInt() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(b.usage(key).path("limits").path("currentConcurrency").asInt()).isZero();
  }
}
