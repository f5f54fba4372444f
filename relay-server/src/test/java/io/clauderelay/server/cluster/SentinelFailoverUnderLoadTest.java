package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.redis.testing.SentinelTopology;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Master killed while requests flow through two relay nodes on Sentinel (quorum 2, down-after
 * 5000 as the seed): the relay keeps answering (requests arriving during the switch are held,
 * then served, or get 503 with Retry-After — nothing else), nothing hangs, and every request the
 * clients saw succeed is recorded exactly once: zero lost, zero duplicated.
 */
class SentinelFailoverUnderLoadTest {
  static final String PASSWORD = "sentinel-pass";
  static final int CLIENTS = 6;

  SentinelTopology topology;
  FakeAnthropicServer fake;
  RelayNode a;
  RelayNode b;

  record Outcome(String key, int status, String requestId, String retryAfter, long startNanos, long endNanos) {}

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    topology = SentinelTopology.start(PASSWORD);
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 5, 0, 0, 0));
    a = RelayNode.onSentinel(topology.sentinelHostPorts(), PASSWORD);
    b = RelayNode.onSentinel(topology.sentinelHostPorts(), PASSWORD);
    a.createAccount("upstream", fake.baseUrl(), "sk-ant-failover");
  }

  @AfterEach
  void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (fake != null) fake.close();
    if (topology != null) topology.close();
  }

  @Test
  void masterKilledUnderLoadLosesAndDuplicatesNothing() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) keys.add(a.createKey("{\"name\":\"failover-" + i + "\"}"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong killedAt = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      pool.submit(() -> {
        int n = 0;
        while (running.get()) {
          RelayNode node = (client + n) % 2 == 0 ? a : b;
          String key = keys.get((client + n) % keys.size());
          boolean stream = n % 3 == 0;
          String body = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,"
              + (stream ? "\"stream\":true," : "")
              + "\"messages\":[{\"role\":\"user\",\"content\":\"client " + client + " #" + n + "\"}]}";
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/messages"))
                .timeout(Duration.ofSeconds(30)).header("x-api-key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            outcomes.add(new Outcome(key, r.statusCode(), r.headers().firstValue("x-request-id").orElse(null),
                r.headers().firstValue("retry-after").orElse(null), t0, System.nanoTime()));
          } catch (Exception e) {
            outcomes.add(new Outcome(key, -1, null, null, t0, System.nanoTime()));
          }
          n++;
        }
        return null;
      });
    }
    Thread.sleep(2000);
    killedAt.set(System.nanoTime());
    topology.killMaster();
    // Keep the load on until well after the switch (down-after 5 s + ~1.2 s election).
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<Outcome> sofar;
      synchronized (outcomes) { // a synchronized list must be copied under its lock while clients add to it
        sofar = new ArrayList<>(outcomes);
      }
      long served = sofar.stream().filter(o -> o.status() == 200 && o.startNanos() > killedAt.get()).count();
      if (served >= 30) break;
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    running.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("no client hangs").isTrue();

    List<Outcome> all;
    synchronized (outcomes) {
      all = new ArrayList<>(outcomes);
    }
    Map<Integer, Long> byStatus = new HashMap<>();
    all.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
    // Only the documented behaviour: served, or 503 with Retry-After while the store was away.
    assertThat(byStatus.keySet()).as("statuses %s", byStatus).isSubsetOf(Set.of(200, 503));
    assertThat(all.stream().filter(o -> o.status() == 503)).allSatisfy(o -> assertThat(o.retryAfter()).isNotNull());
    long gapMs = all.stream().filter(o -> o.status() == 200 && o.startNanos() > killedAt.get())
        .mapToLong(o -> (o.endNanos() - killedAt.get()) / 1_000_000).min().orElseThrow();

    // Every success recorded exactly once, once the journals have replayed.
    Map<String, Set<String>> succeeded = new ConcurrentHashMap<>();
    all.stream().filter(o -> o.status() == 200)
        .forEach(o -> succeeded.computeIfAbsent(o.key(), k -> new HashSet<>()).add(o.requestId()));
    long successes = succeeded.values().stream().mapToLong(Set::size).sum();
    long recorded = 0;
    long lost = 0;
    long duplicated = 0;
    long waitUntil = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      recorded = 0;
      lost = 0;
      duplicated = 0;
      for (String key : keys) {
        long total = b.usage(key).path("usage").path("total").path("requests").asLong();
        recorded += total;
        String keyId = b.keyId(key);
        List<UsageRecord> records = b.app.ledger().recentRecords(keyId, 200).toCompletableFuture().join();
        Map<String, Integer> seen = new HashMap<>();
        records.forEach(r -> seen.merge(r.requestId(), 1, Integer::sum));
        Set<String> wanted = succeeded.getOrDefault(key, Set.of());
        duplicated += seen.values().stream().filter(v -> v > 1).count();
        if (wanted.size() <= 200) lost += wanted.stream().filter(id -> !seen.containsKey(id)).count();
      }
      if ((recorded == successes && lost == 0) || System.nanoTime() > waitUntil) break;
      Thread.sleep(250);
    }
    System.out.printf("FAILOVER: requests=%d served=%d 503=%d gap_ms=%d recorded=%d lost=%d duplicated=%d%n",
        all.size(), successes, byStatus.getOrDefault(503, 0L), gapMs, recorded, lost, duplicated);
    assertThat(recorded).as("usage totals equal the successes the clients saw").isEqualTo(successes);
    assertThat(lost).isZero();
    assertThat(duplicated).isZero();
    assertThat(successes).isGreaterThan(30);
  }
}
