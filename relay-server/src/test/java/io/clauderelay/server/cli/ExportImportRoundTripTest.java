package io.clauderelay.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team moves from the embedded store to Redis and back with {@code ./relay export} and {@code
 * import}: every admin API answer, key and usage figure is the same on each store, and the export
 * carries no secret in clear.
 */
class ExportImportRoundTripTest {
  private static final String PASSWORD = "round-trip";
  private static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String UPSTREAM_SECRET = "sk-ant-account-secret-0123456789";
  private static final String WEBHOOK_SECRET = "hook-path-secret-4f1c";

  @TempDir
  Path work;
  private RedisServerProcess redis;
  private FakeAnthropicServer upstream;

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    upstream = FakeAnthropicServer.start();
  }

  @AfterEach
  void stop() {
    if (upstream != null) upstream.close();
    if (redis != null) redis.close();
  }

  private Map<String, String> embedded(Path dataDir) {
    return Map.of("DATA_DIR", dataDir.toString());
  }

  private Map<String, String> onRedis() {
    return Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()), "REDIS_PASSWORD", PASSWORD);
  }

  /** What an operator and the key owners read from the admin API and the key routes. */
  private static Map<String, JsonNode> answers(RelayNode node, List<String> keys) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    out.put("keys", RelayNode.json(node.admin("GET", "/admin/api-keys", null).body()));
    JsonNode accounts = RelayNode.json(node.admin("GET", "/admin/claude-console-accounts", null).body());
    // Redis keeps an account's last use in epoch milliseconds (its scripts' time base), the
    // embedded store the instant itself: compare at the precision both keep.
    accounts.path("data").forEach(a -> ((ObjectNode) a).put("lastUsedAt",
        Instant.parse(a.path("lastUsedAt").asText()).truncatedTo(ChronoUnit.MILLIS).toString()));
    out.put("accounts", accounts);
    out.put("usage-stats", RelayNode.json(node.admin("GET", "/admin/usage-stats", null).body()));
    out.put("model-stats", RelayNode.json(node.admin("GET", "/admin/model-stats", null).body()));
    out.put("account-stats", RelayNode.json(node.admin("GET", "/admin/accounts/usage-stats", null).body()));
    out.put("webhook", RelayNode.json(node.admin("GET", "/admin/webhook/config", null).body()));
    for (String key : keys) {
      String id = node.keyId(key);
      JsonNode usage = node.usage(key);
      ((ObjectNode) usage).remove("timestamp"); // when the answer was made
      out.put("usage " + id, usage);
      out.put("records " + id,
          RelayNode.json(node.admin("GET", "/admin/api-keys/" + id + "/usage-records", null).body()));
    }
    return out;
  }

  private RelayConfig config(Map<String, String> store) {
    Map<String, String> env = new HashMap<>(store);
    env.put("JWT_SECRET", "test-jwt-secret-that-is-long-enough-0123456789");
    env.put("ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    env.put("TIMEZONE_OFFSET", "0");
    env.put("NODE_ENV", "test");
    return RelayConfig.load(env, work);
  }

  private String run(Map<String, String> store, boolean export, Path file) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (export) StateCommands.export(config(store), file, out);
    else StateCommands.importFile(config(store), file, out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void embeddedToRedisToEmbeddedGivesIdenticalAnswers() throws Exception {
    Path first = work.resolve("first");
    Map<String, JsonNode> before;
    List<String> keys;
    try (RelayNode node = new RelayNode(embedded(first))) {
      node.createAccount("team-1", upstream.baseUrl(), UPSTREAM_SECRET);
      String saved = node
          .admin("POST", "/admin/webhook/config", "{\"enabled\":true,\"platforms\":[{\"type\":\"custom\","
              + "\"name\":\"ops\",\"url\":\"http://127.0.0.1:9/" + WEBHOOK_SECRET + "\"}]}")
          .body();
      assertThat(RelayNode.json(saved).path("success").asBoolean()).as(saved).isTrue();
      keys = List.of(node.createKey("{\"name\":\"alice\",\"dailyCostLimit\":20}"),
          node.createKey("{\"name\":\"bob\"}"));
      for (int i = 0; i < 3; i++)
        assertThat(node.post("/api/v1/messages", keys.get(0), BODY).statusCode()).isEqualTo(200);
      assertThat(node.post("/api/v1/messages", keys.get(1), BODY).statusCode()).isEqualTo(200);
      before = answers(node, keys);
    }

    Path export1 = work.resolve("embedded.json");
    assertThat(run(embedded(first), true, export1)).contains("exported 2 keys, 1 accounts");
    String text = Files.readString(export1);
    assertThat(text).doesNotContain(UPSTREAM_SECRET).doesNotContain(keys.get(0)).doesNotContain(keys.get(1))
        .doesNotContain(WEBHOOK_SECRET);
    assertThat(RelayNode.json(text).path("settings").path("webhook").asText()).as("the alert channels, encrypted")
        .isNotEmpty();
    assertThat(run(onRedis(), false, export1)).contains("imported 2 keys, 1 accounts");

    try (RelayNode node = new RelayNode(onRedis())) {
      assertThat(answers(node, keys)).isEqualTo(before);
    }

    Path export2 = work.resolve("redis.json");
    run(onRedis(), true, export2);
    Path last = work.resolve("last");
    run(embedded(last), false, export2);

    try (RelayNode node = new RelayNode(embedded(last))) {
      assertThat(answers(node, keys)).isEqualTo(before);
      assertThat(node.post("/api/v1/messages", keys.get(0), BODY).statusCode()).as("the moved key still works")
          .isEqualTo(200);
    }
  }
}
