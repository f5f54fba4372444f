package io.clauderelay.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on a running relay after real traffic against a fake upstream: what an
 * operator's dashboard would read, the token that guards it, the per-key switch, and
 * {@code promtool check metrics} on the page.
 */
class MetricsEndToEndTest {
  static final String TOKEN = "metrics-token-0123456789abcdef";
  static final String MODEL = "claude-sonnet-4-5-20250929";
  static final String BODY = "{\"model\":\"" + MODEL
      + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String STREAM = BODY.replace("\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true");

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

  /** Two answered requests (one streamed, one after a failover), one refused key; returns the key. */
  static String traffic(RelayNode relay, FakeAnthropicServer fake) {
    fake.when("sk-ant-overloaded").respond(Behaviour.status(529));
    fake.when("sk-ant-good").respond(Behaviour.ok().withUsage(10, 20, 100, 200, 300));
    relay.createAccount("overloaded", fake.baseUrl(), "sk-ant-overloaded", 10, null);
    relay.createAccount("good", fake.baseUrl(), "sk-ant-good", 20, null);
    String key = relay.createKey("{\"name\":\"alice-secret-name\"}");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", key, STREAM).statusCode()).isEqualTo(200);
    assertThat(relay.post("/api/v1/messages", "cr_" + "0".repeat(64), BODY).statusCode()).isEqualTo(401);
    return key;
  }

  Scrape scrape() {
    HttpResponse<String> r = relay.send("GET", "/metrics", Map.of("authorization", "Bearer " + TOKEN), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
    return new Scrape(r.body());
  }

  @Test
  void withATokenSetTheScrapeNeedsItAsBearer() {
    relay = new RelayNode(Map.of("METRICS_TOKEN", TOKEN));
    assertThat(relay.get("/metrics").statusCode()).isEqualTo(401);
    assertThat(
        relay.send("GET", "/metrics", Map.of("authorization", "Bearer wrong-token-0123456789"), null).statusCode())
        .isEqualTo(401);
    assertThat(scrape().text()).contains("jvm_memory_used_bytes");
  }

  @Test
  void withoutATokenTheScrapeIsOpen() {
    relay = new RelayNode();
    assertThat(relay.get("/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void requestsTokensCostFailoversAndRefusalsAreCountedWithoutKeyNamesOrMaterial() {
    relay = new RelayNode(Map.of("METRICS_TOKEN", TOKEN));
    String key = traffic(relay, fake);
    Scrape s = scrape();
    String claude = "provider=\"claude\"";
    String model = "model=\"" + MODEL + "\"";

    assertThat(s.sum("relay_requests_total", claude, model, "status=\"2xx\"", "failure=\"none\"")).isEqualTo(2);
    assertThat(s.sum("relay_requests_total", "status=\"4xx\"", "failure=\"auth_invalid_key\"")).isEqualTo(1);
    assertThat(s.sum("relay_admission_refusals_total", "reason=\"auth_invalid_key\"")).isEqualTo(1);
    // The overloaded account is tried first (priority 10), fails over to the good one and cools down,
    // so the second request goes to the good one directly.
    assertThat(s.sum("relay_failovers_total", claude, "upstream_status=\"529\"")).isEqualTo(1);
    assertThat(s.sum("relay_account_cooldowns_total", "reason=\"overloaded\"")).isEqualTo(1);
    assertThat(s.lines("relay_account_state", "account_name=\"overloaded\"", "state=\"cooling\"")).hasSize(1);
    assertThat(s.sum("relay_tokens_total", model, "kind=\"input\"")).isEqualTo(20);
    assertThat(s.sum("relay_tokens_total", model, "kind=\"output\"")).isEqualTo(40);
    assertThat(s.sum("relay_tokens_total", model, "kind=\"cache_write_5m\"")).isEqualTo(200);
    assertThat(s.sum("relay_tokens_total", model, "kind=\"cache_write_1h\"")).isEqualTo(400);
    assertThat(s.sum("relay_tokens_total", model, "kind=\"cache_read\"")).isEqualTo(600);
    // 1,995 micro-dollars per request at Sonnet 4.5 prices (see ClaudeRelayEndToEndTest).
    assertThat(s.sum("relay_cost_microdollars_total", claude, model)).isEqualTo(3990);
    assertThat(s.sum("relay_upstream_latency_seconds_count", model)).isEqualTo(2);
    assertThat(s.sum("relay_upstream_ttfb_seconds_count", model)).isEqualTo(2);
    assertThat(s.sum("relay_streams_in_flight")).isZero();
    assertThat(s.sum("relay_requests_in_flight")).isZero();
    assertThat(s.sum("relay_journal_pending")).isZero();
    assertThat(s.sum("relay_store_latency_seconds_count", "op=\"admit\"", "outcome=\"ok\"")).isEqualTo(2);
    assertThat(s.lines("relay_account_state", "account_name=\"good\"", "state=\"active\"")).hasSize(1);
    assertThat(s.text()).contains("netty_allocator_memory_used", "jvm_memory_used_bytes",
        "netty_eventexecutor_tasks_pending");

    String keyId = relay.keyId(key);
    assertThat(s.text()).doesNotContain(key).doesNotContain("alice-secret-name").doesNotContain(keyId)
        .doesNotContain("key_id");
  }

  @Test
  void theGrafanaDashboardQueriesOnlySeriesTheRelayExports() throws IOException {
    Path dashboard = Path.of("..", "deploy", "grafana", "claude-relay.json");
    assumeTrue(Files.isRegularFile(dashboard), "run from relay-server/ inside the repository");
    relay = new RelayNode(Map.of("METRICS_TOKEN", TOKEN));
    traffic(relay, fake);
    Scrape s = scrape();
    java.util.Set<String> queried = new java.util.TreeSet<>();
    RelayNode.json(Files.readString(dashboard)).findValues("expr").forEach(e -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((?:relay|jvm|netty|process)_[a-z0-9_]+)")
          .matcher(e.asText());
      while (m.find()) queried.add(m.group(1));
    });
    assertThat(queried).contains("relay_requests_total", "relay_cost_microdollars_total",
        "relay_upstream_ttfb_seconds_bucket");
    // GC pauses appear after the first collection only.
    queried.remove("jvm_gc_pause_seconds_sum");
    assertThat(queried).allSatisfy(name -> assertThat(s.lines(name)).as(name).isNotEmpty());
  }

  @Test
  void perKeyLabelsCarryTheKeyIdOnlyWhenSwitchedOn() {
    relay = new RelayNode(Map.of("METRICS_TOKEN", TOKEN, "METRICS_PER_KEY", "true"));
    String key = traffic(relay, fake);
    Scrape s = scrape();
    String keyLabel = "key_id=\"" + relay.keyId(key) + "\"";
    assertThat(s.sum("relay_requests_total", keyLabel, "status=\"2xx\"")).isEqualTo(2);
    assertThat(s.sum("relay_cost_microdollars_total", keyLabel)).isEqualTo(3990);
    assertThat(s.text()).doesNotContain(key).doesNotContain("alice-secret-name");
  }

  @Test
  void promtoolFindsNothingWrongWithThePage() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assumeTrue(Files.isExecutable(promtool), "promtool not installed (Debian package prometheus)");
    relay = new RelayNode(Map.of("METRICS_TOKEN", TOKEN));
    traffic(relay, fake);
    String page = scrape().text();
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("promtool check metrics output").isBlank();
    assertThat(p.exitValue()).isZero();
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
