package io.clauderelay.server.cluster;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not an assertion: prints the top-level Redis commands one request costs, read
 * from MONITOR. Run with {@code mvn -B verify -pl relay-server -am -Dtest=RedisRoundTripsProbe -Dprobe=true}.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
class RedisRoundTripsProbe {
  @Test
  void embeddedLatency() throws Exception {
    try (FakeAnthropicServer fake = FakeAnthropicServer.start(); RelayNode node = new RelayNode()) {
      fake.respondByDefault(Behaviour.ok().withEventGap(java.time.Duration.ZERO));
      node.createAccount("a", fake.baseUrl(), "sk-ant-a");
      String key = node.createKey("{\"name\":\"probe\"}");
      String body = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      for (int i = 0; i < 20; i++) node.post("/api/v1/messages", key, body);
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) node.post("/api/v1/messages", key, body);
      System.out.println("embedded mean ms per request: " + (System.nanoTime() - t0) / 1e6 / 50);
      java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
      t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        c.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.baseUrl() + "/v1/messages"))
                .header("x-api-key", "k")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      }
      System.out.println("direct mean ms per request: " + (System.nanoTime() - t0) / 1e6 / 50);
    }
  }

  @Test
  void printCommandsPerRequest() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start("probe");
        FakeAnthropicServer fake = FakeAnthropicServer.start();
        RelayNode node = RelayNode.onRedis(redis.port(), "probe")) {
      fake.respondByDefault(Behaviour.ok().withEventGap(java.time.Duration.ZERO));
      node.createAccount("a", fake.baseUrl(), "sk-ant-a");
      String key = node.createKey("{\"name\":\"probe\"}");
      String body = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"metadata\":{\"user_id\":\"user_x_account_y_session_"
          + "11111111-2222-3333-4444-555555555555\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      node.post("/api/v1/messages", key, body);
      java.nio.file.Path out = java.nio.file.Files.createTempFile("monitor", ".txt");
      Process monitor = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "-a", "probe",
          "--no-auth-warning",
          "monitor").redirectErrorStream(true).redirectOutput(out.toFile()).start();
      Thread.sleep(300);
      int n = 20;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) node.post("/api/v1/messages", key, body);
      System.out.println("mean ms per request: " + (System.nanoTime() - t0) / 1e6 / n);
      Thread.sleep(500);
      monitor.destroy();
      monitor.waitFor();
      List<String> lines = java.nio.file.Files.readAllLines(out);
      Map<String, Integer> top = new TreeMap<>();
      lines.stream().filter(l -> !l.contains("[0 lua]") && l.contains("\"")).forEach(l -> {
        String cmd = l.substring(l.indexOf('"') + 1);
        cmd = cmd.substring(0, cmd.indexOf('"'));
        String detail = cmd.equalsIgnoreCase("evalsha") ? "evalsha " + l.split("\" \"")[1].substring(0, 8) : cmd;
        top.merge(detail.toLowerCase(), 1, Integer::sum);
      });
      System.out.println("top-level commands over " + n + " requests: " + top);
      System.out.println("per request: " + top.values().stream().mapToInt(Integer::intValue).sum() / (double) n);
    }
  }
}
