package io.clauderelay.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) started on loopback scrapes a running relay with the
 * metrics token, and its query API answers with the relay's series: what a Grafana panel reads.
 */
class PrometheusScrapesRelayTest {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  @TempDir
  Path dir;
  FakeAnthropicServer fake;
  RelayNode relay;
  Process prometheus;
  int promPort;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus not installed (Debian package prometheus)");
    fake = FakeAnthropicServer.start();
    relay = new RelayNode(Map.of("METRICS_TOKEN", MetricsEndToEndTest.TOKEN));
    promPort = RedisServerProcess.freePort();
    Files.writeString(dir.resolve("token"), MetricsEndToEndTest.TOKEN);
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: relay
            metrics_path: /metrics
            authorization:
              type: Bearer
              credentials_file: %s
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(dir.resolve("token"), relay.port()));
    prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly();
    }
    if (relay != null) relay.close();
    if (fake != null) fake.close();
  }

  @Test
  void prometheusScrapesTheRelayAndAnswersQueriesOnItsSeries() throws Exception {
    MetricsEndToEndTest.traffic(relay, fake);
    String model = MetricsEndToEndTest.MODEL;

    JsonNode up = awaitResult("up{job=\"relay\"}");
    assertThat(up.get(0).path("value").get(1).asText()).as("target up").isEqualTo("1");
    JsonNode ok = awaitResult("sum(relay_requests_total{status=\"2xx\",model=\"" + model + "\"})");
    assertThat(ok.get(0).path("value").get(1).asDouble()).isEqualTo(2);
    JsonNode cost = awaitResult("sum(relay_cost_microdollars_total{provider=\"claude\"})");
    assertThat(cost.get(0).path("value").get(1).asDouble()).isEqualTo(3990);
    // A histogram Grafana can draw a quantile from.
    JsonNode p95 = awaitResult("histogram_quantile(0.95, sum by (le) (relay_upstream_latency_seconds_bucket))");
    assertThat(p95.get(0).path("value").get(1).asText()).isNotEqualTo("NaN");
  }

  /** Polls the query API until the expression has a result (Prometheus scrapes every second). */
  JsonNode awaitResult(String promql) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort
            + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
        last = r.body();
        // A starting Prometheus answers 503 "Service Unavailable" (not JSON) until its storage is ready.
        if (r.statusCode() != 200) {
          Thread.sleep(250);
          continue;
        }
        JsonNode result = RelayNode.json(r.body()).path("data").path("result");
        if (result.size() > 0) return result;
      } catch (IOException notYetListening) {
        last = notYetListening.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no result for " + promql + " within 60 s; last answer: " + last + "; log: "
        + Files.readString(dir.resolve("prometheus.log")));
  }
}
