package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.redis.testing.RespClient;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's topology on one machine, started by {@code deploy/local/start.sh} exactly as an
 * operator would (Redis master + replica, three sentinels with the seed's settings — quorum 2,
 * down-after 5000, failover-timeout 10000 —, two relay JVMs as separate processes on Sentinel, Nginx
 * with the bastion's proxy settings in front), with the fake Anthropic upstream in this JVM.
 *
 * <p>Six clients (three keys × JSON and streaming) send steady traffic through Nginx while the test
 * (1) SIGKILLs the Redis master ({@code restart.sh --kill redis-node1}), (2) sends SIGTERM to one relay
 * node, checks it directly (new requests: 503 + {@code Connection: close} + {@code Retry-After}; a
 * stream in flight finishes; the JVM exits and its last log line is written) and starts it again, and
 * (3) restarts both relay nodes one after the other ({@code restart.sh relay-node1}, then
 * {@code relay-node2}, the runbook's rolling update with its 12 s settle). Asserts: during (1) every
 * request either succeeds (possibly delayed) or gets 503 with Retry-After; everywhere else every request
 * succeeds; afterwards each key's usage total in Redis equals the requests the client saw succeed.
 *
 * <p>Skipped when redis-server, redis-cli, nginx, curl or bash are missing. Runs the relays from this
 * JVM's class path ({@code RELAY_CLASSPATH}): {@code mvn verify} runs tests before the jar exists.
 * Takes about 3 minutes on a busy 2-core host (start ~40 s, traffic ~2 min, stop ~13 s). The scratch folder stays in {@code target/local-topology-*} when the test
 * fails (logs of every component); it is purged when it passes.
 */
class LocalTopologyClusterTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN_PASSWORD = "cluster-test-admin-password";
  static final String MODEL = "claude-sonnet-4-5-20250929";
  static final Duration REQUEST_BOUND = Duration.ofSeconds(40);
  static final Duration SCRIPT_BOUND = Duration.ofSeconds(150);

  Path repo;
  Path local;
  Path base;
  Map<String, String> env;
  FakeAnthropicServer fake;
  int nginxPort;
  int[] relayPorts = new int[2];
  int[] redisPorts = new int[2];
  int[] sentinelPorts = new int[3];
  boolean started;
  boolean passed;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    for (String exe : List.of("redis-server", "redis-cli", "nginx", "curl", "bash")) {
      assumeTrue(which(exe) != null, exe + " is not installed");
    }
    repo = repoRoot();
    local = repo.resolve("deploy/local");
    Path target = repo.resolve("relay-server/target");
    Files.createDirectories(target);
    base = Files.createTempDirectory(target, "local-topology-");
    for (int i = 0; i < 2; i++) redisPorts[i] = RedisServerProcess.freePort();
    for (int i = 0; i < 3; i++) sentinelPorts[i] = RedisServerProcess.freePort();
    for (int i = 0; i < 2; i++) relayPorts[i] = RedisServerProcess.freePort();
    nginxPort = RedisServerProcess.freePort();

    env = new HashMap<>();
    env.put("BASE", base.toString());
    env.put("REDIS_MASTER_PORT", Integer.toString(redisPorts[0]));
    env.put("REDIS_REPLICA_PORT", Integer.toString(redisPorts[1]));
    env.put("SENTINEL_PORTS", join(sentinelPorts));
    env.put("RELAY_PORTS", join(relayPorts));
    env.put("NGINX_PORT", Integer.toString(nginxPort));
    env.put("RELAY_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    // C1 only and the serial collector: much less CPU while the two relays start on a small, busy CI host.
    env.put("RELAY_JAVA_OPTS", "-Xmx256m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    env.put("ADMIN_USERNAME", "admin");
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/usr/bin:/sbin:/bin");

    fake = FakeAnthropicServer.start();
    // Streams of ~1.4 s (9 events, 150 ms apart) and JSON answers after 200 ms: there is always
    // something in flight when a node is stopped.
    fake.respondByDefault(
        Behaviour.ok().withEventGap(Duration.ofMillis(150)).withResponseDelay(Duration.ofMillis(200)));

    started = true;
    script("start.sh");
  }

  @AfterEach
  void stop() throws Exception {
    if (started) {
      try {
        script(passed ? List.of("stop.sh", "--force", "--purge") : List.of("stop.sh", "--force"));
      } finally {
        if (!passed) System.out.println("[cluster] scratch folder kept for inspection: " + base);
      }
    }
    if (fake != null) fake.close();
  }

  // ---- the traffic --------------------------------------------------------------------------------

  record Outcome(String phase, int key, boolean stream, int status, boolean retryAfter, boolean complete, String error,
      long startMs, long endMs) {
    boolean ok() {
      return status == 200 && complete && error == null;
    }

    long latencyMs() {
      return endMs - startMs;
    }
  }

  volatile String phase = "0-warm-up";
  volatile boolean running = true;
  final long t0 = System.nanoTime();
  final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  long nowMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  static String body(boolean stream, String text) {
    return "{\"model\":\"" + MODEL + "\",\"max_tokens\":32," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  /** One request; never throws: a transport error or timeout is an outcome too. */
  Outcome call(String url, String phaseAtStart, int keyIndex, String key, boolean stream) {
    long start = nowMs();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/v1/messages")).timeout(REQUEST_BOUND)
        .header("x-api-key", key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(stream, phaseAtStart + " " + start))).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return new Outcome(phaseAtStart, keyIndex, stream, r.statusCode(),
          r.headers().firstValue("retry-after").isPresent(),
          complete(r.statusCode(), stream, r.body()), null, start, nowMs());
    } catch (IOException e) {
      return new Outcome(phaseAtStart, keyIndex, stream, 0, false, false, e.toString(), start, nowMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(phaseAtStart, keyIndex, stream, 0, false, false, e.toString(), start, nowMs());
    }
  }

  static boolean complete(int status, boolean stream, String body) {
    if (status != 200) return false;
    return stream
        ? body.contains("event: message_stop") && !body.contains("event: error")
        : body.contains("\"usage\"") && body.contains("\"end_turn\"");
  }

  List<Thread> startTraffic(List<String> keys) {
    List<Thread> workers = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      for (boolean stream : List.of(false, true)) {
        int keyIndex = k;
        String key = keys.get(k);
        Thread t = new Thread(() -> {
          while (running) {
            outcomes.add(call(nginx(), phase, keyIndex, key, stream));
            pause(100);
          }
        }, "traffic-" + k + (stream ? "-stream" : "-json"));
        t.start();
        workers.add(t);
      }
    }
    return workers;
  }

  // ---- the test -----------------------------------------------------------------------------------

  @Test
  void failoverAndRollingRestartsThroughNginxLoseNoRequestAndNoUsage() throws Exception {
    long testStart = System.nanoTime();
    String token = login();
    String accountBody = "{\"name\":\"fake-upstream\",\"apiUrl\":\"" + fake.baseUrl()
        + "\",\"apiKey\":\"sk-ant-cluster\",\"priority\":50}";
    assertThat(admin(token, "/admin/claude-console-accounts", accountBody).path("success").asBoolean()).isTrue();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(
          admin(token, "/admin/api-keys", "{\"name\":\"cluster-" + i + "\"}").path("data").path("apiKey").asText());
    }
    assertThat(keys).allMatch(k -> !k.isBlank());

    List<Thread> workers = startTraffic(keys);
    pause(3000);

    // (1) Redis master crash: Sentinel promotes the replica after down-after (5 s) + ~1.2 s.
    phase = "1-failover";
    assertThat(sentinelMaster()).contains(redisPorts[0]);
    // What `restart.sh --kill redis-node1` does (the runbook's drill), inline so the kill is timed exactly.
    long masterPid = pid("redis-node1");
    assertThat(ProcessHandle.of(masterPid).flatMap(h -> h.info().command()))
        .hasValueSatisfying(c -> assertThat(c).contains("redis"));
    run(List.of("kill", "-KILL", Long.toString(masterPid)), Duration.ofSeconds(5));
    long killAt = nowMs();
    long switchAt = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (sentinelMaster().equals(Optional.of(redisPorts[1]))) {
        switchAt = nowMs();
        break;
      }
      pause(100);
    }
    assertThat(switchAt).as("sentinel promoted redis-node2 within 30 s").isPositive();
    awaitHealthy(0);
    awaitHealthy(1);
    long healthyAt = nowMs();
    // The old master comes back empty; Sentinel turns it into a replica of the new one (~10 s).
    script("restart.sh", "--start-only", "redis-node1");
    pause(3000);
    phase = "1b-after-failover";
    pause(3000);

    // (2) SIGTERM to relay-node1, checked on the node itself, then started again.
    phase = "2-sigterm";
    String direct = "http://127.0.0.1:" + relayPorts[0];
    long pid = pid("relay-node1");
    HttpResponse<InputStream> held = http.send(HttpRequest.newBuilder(URI.create(direct + "/api/v1/messages"))
        .timeout(REQUEST_BOUND).header("x-api-key", keys.get(0)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(true, "held"))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(held.statusCode()).isEqualTo(200);
    long termAt = nowMs();
    run(List.of("kill", "-TERM", Long.toString(pid)), Duration.ofSeconds(5));
    List<Outcome> directOutcomes = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 500 && refused == null; i++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(direct + "/api/v1/messages"))
          .timeout(REQUEST_BOUND).header("x-api-key", keys.get(1)).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(false, "probe"))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        // Sent before the signal took effect: served normally, so it counts like any success.
        directOutcomes.add(new Outcome("2-direct", 1, false, 200, false, complete(200, false, r.body()), null, 0, 0));
      } else {
        refused = r;
      }
      pause(10);
    }
    assertThat(refused).as("the stopping node refuses new requests").isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("connection")).hasValue("close");
    assertThat(refused.headers().firstValue("retry-after")).isPresent();
    String heldBody = new String(held.body().readAllBytes(), StandardCharsets.UTF_8);
    directOutcomes.add(new Outcome("2-direct", 0, true, 200, false, complete(200, true, heldBody), null, 0, 0));
    assertThat(heldBody).as("the stream in flight at SIGTERM finishes").contains("event: message_stop");
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    long exitedAt = handle.isEmpty() ? nowMs() : -1;
    if (handle.isPresent()) {
      handle.get().onExit().get(45, TimeUnit.SECONDS); // stop.sh / restart.sh wait 45 s, Docker 40 s
      exitedAt = nowMs();
    }
    String node1Log = Files.readString(base.resolve("relay-node1/logs/claude-relay.log"));
    assertThat(node1Log).as("the last log line is written before the JVM exits").contains("graceful stop: done");
    script("restart.sh", "--start-only", "relay-node1");
    pause(12_000); // Nginx takes a node it marked down back only after fail_timeout (10 s): runbook §8

    // (3) Rolling restart of both nodes, as the runbook does it (each: SIGTERM, drain, start, 12 s settle).
    phase = "3-rolling";
    script("restart.sh", "relay-node1");
    script("restart.sh", "relay-node2");
    phase = "3b-after";
    pause(2000);

    running = false;
    for (Thread t : workers) t.join(REQUEST_BOUND.toMillis() + 5000);
    assertThat(workers).noneMatch(Thread::isAlive);

    // ---- the verdict ---------------------------------------------------------------------------
    List<Outcome> all = new ArrayList<>(outcomes);
    all.addAll(directOutcomes);
    Map<String, List<Outcome>> byPhase = all.stream()
        .collect(Collectors.groupingBy(Outcome::phase, java.util.TreeMap::new, Collectors.toList()));
    List<Outcome> failover = byPhase.getOrDefault("1-failover", List.of());
    long firstSuccessAfterKill = failover.stream().filter(o -> o.ok() && o.startMs() >= killAt)
        .mapToLong(Outcome::endMs).min().orElse(-1);
    long maxLatency = failover.stream().filter(Outcome::ok).mapToLong(Outcome::latencyMs).max().orElse(0);
    long longestStall = longestGapWithoutSuccess(all.stream().filter(o -> o.endMs() > 0).toList(), killAt);

    long replayed = 0;
    java.util.regex.Pattern replay = java.util.regex.Pattern.compile("replayed (\\d+) journaled usage settlements");
    for (int n = 1; n <= 2; n++) {
      java.util.regex.Matcher m = replay
          .matcher(Files.readString(base.resolve("relay-node" + n + "/logs/claude-relay.log")));
      while (m.find()) replayed += Long.parseLong(m.group(1));
    }

    Map<Integer, Long> succeededPerKey = all.stream().filter(Outcome::ok)
        .collect(Collectors.groupingBy(Outcome::key, Collectors.counting()));
    Map<Integer, Long> usagePerKey = awaitUsage(keys, succeededPerKey);

    StringBuilder summary = new StringBuilder("[cluster] LocalTopologyClusterTest:");
    byPhase.forEach((p, list) -> summary.append(String.format(" %s sent=%d ok=%d 503+RA=%d other=%d;", p, list.size(),
        list.stream().filter(Outcome::ok).count(),
        list.stream().filter(o -> o.status() == 503 && o.retryAfter()).count(),
        list.stream().filter(o -> !o.ok() && !(o.status() == 503 && o.retryAfter())).count())));
    summary.append(String.format(" failover: sentinel switch %d ms after SIGKILL, both relays healthy after %d ms,"
        + " first success of a request sent after the kill at +%d ms, slowest success %d ms, longest stretch"
        + " without a completed request %d ms, %d settlements journaled and replayed; SIGTERM: 503 probe after %d direct 200s, exit %d ms after SIGTERM;",
        switchAt - killAt, healthyAt - killAt, firstSuccessAfterKill < 0 ? -1 : firstSuccessAfterKill - killAt,
        maxLatency,
        longestStall, replayed, directOutcomes.size() - 1, exitedAt - termAt));
    summary.append(String.format(" usage requests per key %s vs client-seen successes %s; total %d s",
        usagePerKey, succeededPerKey, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - testStart)));
    System.out.println(summary);

    List<Outcome> unexpected = all.stream().filter(o -> !o.ok())
        .filter(o -> !(o.phase().equals("1-failover") && o.status() == 503 && o.retryAfter())).toList();
    assertThat(unexpected).as("failed requests (outside the failover only 200; during it 200 or 503 + Retry-After)")
        .isEmpty();
    for (String p : List.of("1-failover", "2-sigterm", "3-rolling")) {
      assertThat(byPhase.getOrDefault(p, List.of())).as("traffic during " + p).isNotEmpty();
    }
    assertThat(all.stream().filter(o -> o.endMs() > 0)).allMatch(o -> o.latencyMs() < REQUEST_BOUND.toMillis());
    assertThat(usagePerKey).isEqualTo(succeededPerKey);
    for (int n = 1; n <= 2; n++) {
      try (Stream<Path> logs = Files.list(base.resolve("relay-node" + n + "/logs"))) {
        for (Path log : logs.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).toList()) {
          assertThat(Files.readString(log)).as(log.toString()).doesNotContain("not yet written");
        }
      }
    }
    passed = true;
  }

  /** The longest stretch after {@code from} in which no request completed successfully. */
  static long longestGapWithoutSuccess(List<Outcome> all, long from) {
    List<Long> ends = all.stream().filter(Outcome::ok).map(Outcome::endMs).filter(e -> e >= from).sorted().toList();
    long longest = 0;
    long previous = from;
    for (long e : ends) {
      longest = Math.max(longest, e - previous);
      previous = e;
    }
    return longest;
  }

  /** Usage settles after the response and may be replayed from a journal: wait (bounded) for the totals. */
  Map<Integer, Long> awaitUsage(List<String> keys, Map<Integer, Long> expected) {
    Map<Integer, Long> usage = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    do {
      usage.clear();
      for (int k = 0; k < keys.size(); k++) {
        usage.put(k,
            getJson(nginx() + "/api/v1/usage", keys.get(k)).path("usage").path("total").path("requests").asLong());
      }
      if (usage.equals(expected)) break;
      pause(500);
    } while (System.nanoTime() < deadline);
    return new java.util.TreeMap<>(usage);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  String nginx() {
    return "http://127.0.0.1:" + nginxPort;
  }

  Optional<Integer> sentinelMaster() {
    for (int p : sentinelPorts) {
      try {
        Object reply = RespClient.call(p, null, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster");
        if (reply instanceof List<?> l && l.size() == 2) return Optional.of(Integer.parseInt(String.valueOf(l.get(1))));
      } catch (IOException e) {
        // ask the next one
      }
    }
    return Optional.empty();
  }

  void awaitHealthy(int node) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relayPorts[node] + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(100);
    }
    throw new AssertionError("relay-node" + (node + 1) + " not healthy within 30 s");
  }

  long pid(String component) throws IOException {
    return Long.parseLong(Files.readAllLines(base.resolve("run/" + component + ".pid")).get(0).trim());
  }

  String login() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nginx() + "/web/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("token").asText();
  }

  JsonNode admin(String token, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nginx() + path))
        .header("content-type", "application/json").header("authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  JsonNode getJson(String url, String key) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void script(String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(name));
    cmd.addAll(List.of(args));
    script(cmd);
  }

  /** Runs a deploy/local script with the test's settings; fails with its output when it fails. */
  void script(List<String> nameAndArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", local.resolve(nameAndArgs.get(0)).toString()));
    cmd.addAll(nameAndArgs.subList(1, nameAndArgs.size()));
    run(cmd, SCRIPT_BOUND);
  }

  String run(List<String> cmd, Duration bound) throws Exception {
    Path out = Files.createTempFile(base.getParent(), "script-", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " did not finish within " + bound.toSeconds() + " s:\n"
            + Files.readString(out));
      }
      String output = Files.readString(out);
      System.out.println(
          "[cluster] " + nowMs() + " ms: " + String.join(" ", cmd.subList(Math.min(1, cmd.size() - 1), cmd.size()))
              .replace(repo.toString() + File.separator, "") + " -> exit " + p.exitValue());
      if (p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + output);
      return output;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static String join(int[] ports) {
    StringBuilder b = new StringBuilder();
    for (int p : ports) b.append(b.length() == 0 ? "" : " ").append(p);
    return b.toString();
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("deploy/local/start.sh"))) return p;
    }
    throw new IllegalStateException("deploy/local/start.sh not found above " + Path.of("").toAbsolutePath());
  }

  static String which(String exe) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) return Path.of(dir, exe).toString();
    }
    return null;
  }
}
