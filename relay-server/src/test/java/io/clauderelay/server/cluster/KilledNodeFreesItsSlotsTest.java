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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay node in its own process holds a key's and an account's only slot with a request that
 * never ends; while it lives it renews the slot past many leases; {@code kill -9} ends it without
 * any cleanup, and another node on the same Redis soon serves the key and the account again.
 */
class KilledNodeFreesItsSlotsTest {
  static final String PASSWORD = "killed-node";
  static final String LEASE_SECONDS = "3";
  static final String STREAM = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
  static final String JSON = STREAM.replace("\"stream\":true,", "");

  RedisServerProcess redis;
  FakeAnthropicServer fake;
  RelayNode survivor;
  Process doomed;
  Path doomedDir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    fake = FakeAnthropicServer.start();
    survivor = new RelayNode(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()),
        "REDIS_PASSWORD", PASSWORD, "CONCURRENCY_LEASE_SECONDS", LEASE_SECONDS));
  }

  @AfterEach
  void stop() {
    if (doomed != null) doomed.destroyForcibly();
    if (fake != null) fake.close();
    if (survivor != null) survivor.close();
    if (redis != null) redis.close();
  }

  @Test
  void aNodeKilledWhileStreamingFreesItsKeyAndAccountSlotsForTheOtherNodes() throws Exception {
    survivor.createAccount("only", fake.baseUrl(), "sk-ant-only", 50, "\"maxConcurrentTasks\":1");
    String key = survivor.createKey("{\"name\":\"one-at-a-time\",\"concurrencyLimit\":1}");
    int port = startDoomedNode();

    // The doomed node's request holds both slots: the upstream never answers.
    fake.respondByDefault(Behaviour.hang());
    CompletableFuture<HttpResponse<Void>> held = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/messages")).header("x-api-key", key)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(STREAM)).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(30))).isTrue();

    // Past several leases its node has renewed the slot: the other node still refuses the key.
    Thread.sleep(Duration.ofSeconds(Long.parseLong(LEASE_SECONDS) * 3).toMillis());
    assertThat(survivor.usage(key).path("limits").path("currentConcurrency").asInt()).isEqualTo(1);
    assertThat(survivor.post("/api/v1/messages", key, STREAM).statusCode()).isEqualTo(429);

    // kill -9: no graceful stop, no release, no settlement.
    new ProcessBuilder("kill", "-9", Long.toString(doomed.pid())).start().waitFor(10, TimeUnit.SECONDS);
    assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    held.handle((r, e) -> null).get(30, TimeUnit.SECONDS);

    // The slots free themselves (bounded wait, not a timing assertion) and the key is served again,
    // by the only account, whose one slot was the dead node's too.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (survivor.usage(key).path("limits").path("currentConcurrency").asInt() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(survivor.usage(key).path("limits").path("currentConcurrency").asInt()).isZero();
    fake.respondByDefault(Behaviour.ok());
    HttpResponse<String> served = survivor.post("/api/v1/messages", key, JSON);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
  }

  /** A relay in a JVM of its own (the test's classpath), on the same Redis, with short leases. */
  private int startDoomedNode() throws Exception {
    doomedDir = Files.createTempDirectory("relay-doomed");
    int port = RedisServerProcess.freePort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), "io.clauderelay.server.RelayMain", "serve")
        .directory(doomedDir.toFile()).redirectErrorStream(true).redirectOutput(doomedDir.resolve("out.log").toFile());
    Map<String, String> env = pb.environment();
    env.putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "NODE_ENV", "test",
        "DATA_DIR", doomedDir.resolve("data").toString(), "LOG_DIR", doomedDir.resolve("logs").toString(),
        "JWT_SECRET", "test-jwt-secret-that-is-long-enough-0123456789",
        "ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "TIMEZONE_OFFSET", "0"));
    env.putAll(
        Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()), "REDIS_PASSWORD", PASSWORD,
            "CONCURRENCY_LEASE_SECONDS", LEASE_SECONDS));
    doomed = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && doomed.isAlive()) {
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) return port;
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the relay process did not start:\n" + Files.readString(doomedDir.resolve("out.log")));
  }
}
