package io.clauderelay.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.crypto.PasswordHasher;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import io.clauderelay.server.RelayApp;
import io.clauderelay.server.config.RelayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real relay in-process on a free loopback port with the embedded store, driven over real HTTP
 * with the JDK client, as a user's tools would.
 */
public final class RelayNode implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN_PASSWORD = "correct horse battery staple";

  public final Path dir;
  public final RelayApp app;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String adminToken;

  public RelayNode(Map<String, String> extraEnv) {
    try {
      dir = Files.createTempDirectory("relay-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("HOST", "127.0.0.1");
    env.put("NODE_ENV", "test");
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("LOG_DIR", dir.resolve("logs").toString());
    env.put("JWT_SECRET", "test-jwt-secret-that-is-long-enough-0123456789");
    env.put("ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    env.put("TIMEZONE_OFFSET", "0");
    env.putAll(extraEnv);
    app = RelayApp.start(RelayConfig.load(env, dir), 1);
    app.admin()
        .seedCredentials(new AdminCredentials("admin", PasswordHasher.hash(ADMIN_PASSWORD), Instant.now()))
        .toCompletableFuture().join();
  }

  public RelayNode() {
    this(Map.of());
  }

  /** A node on a standalone Redis at 127.0.0.1:{@code port}. */
  public static RelayNode onRedis(int port, String password) {
    return new RelayNode(
        Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(port), "REDIS_PASSWORD", password));
  }

  /**
   * Waits (at most 10 s, a hang guard) until {@code condition} holds: for what another node writes
   * within a bound, e.g. its aggregates, flushed to Redis every second.
   */
  public static void awaitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A node on a Redis Cluster reached through {@code nodes} (host:port seed nodes). */
  public static RelayNode onCluster(java.util.List<String> nodes, String password) {
    return new RelayNode(Map.of("REDIS_CLUSTER_NODES", String.join(",", nodes), "REDIS_PASSWORD", password));
  }

  /** A node on a Sentinel-monitored master. */
  public static RelayNode onSentinel(java.util.List<String> sentinels, String password) {
    return new RelayNode(Map.of("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINEL_HOSTS", String.join(",", sentinels),
        "REDIS_PASSWORD", password));
  }

  public String base() {
    return "http://127.0.0.1:" + app.port();
  }

  public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String key, String body) {
    return send("POST", path, key == null
        ? Map.of("content-type", "application/json")
        : Map.of("content-type", "application/json", "x-api-key", key), body);
  }

  public String adminToken() {
    if (adminToken == null) {
      HttpResponse<String> r = send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
          "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
      adminToken = json(r.body()).get("token").asText();
    }
    return adminToken;
  }

  public HttpResponse<String> admin(String method, String path, String body) {
    return send(method, path, Map.of("content-type", "application/json", "authorization", "Bearer " + adminToken()),
        body);
  }

  /** Creates a key through the admin API and returns its plaintext. */
  public String createKey(String fieldsJson) {
    HttpResponse<String> r = admin("POST", "/admin/api-keys", fieldsJson);
    if (r.statusCode() != 200) throw new IllegalStateException("key creation failed: " + r.body());
    return json(r.body()).path("data").path("apiKey").asText();
  }

  public String keyId(String plaintextKey) {
    HttpResponse<String> r = send("GET", "/api/v1/key-info", Map.of("x-api-key", plaintextKey), null);
    return json(r.body()).path("keyInfo").path("id").asText();
  }

  /** Adds an Anthropic-compatible account pointing at {@code baseUrl} and returns its id. */
  public String createAccount(String name, String baseUrl, String apiKey, int priority, String extraFieldsJson) {
    String body = "{\"name\":\"" + name + "\",\"apiUrl\":\"" + baseUrl + "\",\"apiKey\":\"" + apiKey
        + "\",\"priority\":"
        + priority + (extraFieldsJson == null ? "" : "," + extraFieldsJson) + "}";
    HttpResponse<String> r = admin("POST", "/admin/claude-console-accounts", body);
    if (r.statusCode() != 200) throw new IllegalStateException("account creation failed: " + r.body());
    return json(r.body()).path("data").path("id").asText();
  }

  /** Adds an OpenAI account ({@code /admin/openai-responses-accounts}, URL field {@code baseApi}) and returns its id. */
  public String createOpenAiAccount(String name, String baseUrl, String apiKey, int priority) {
    return createAt("/admin/openai-responses-accounts", "{\"name\":\"" + name + "\",\"baseApi\":\"" + baseUrl
        + "\",\"apiKey\":\"" + apiKey + "\",\"priority\":" + priority + "}");
  }

  /** Adds a Gemini account ({@code /admin/gemini-api-accounts}, URL field {@code baseUrl}) and returns its id. */
  public String createGeminiAccount(String name, String baseUrl, String apiKey, int priority) {
    return createAt("/admin/gemini-api-accounts", "{\"name\":\"" + name + "\",\"baseUrl\":\"" + baseUrl
        + "\",\"apiKey\":\"" + apiKey + "\",\"priority\":" + priority + "}");
  }

  /** Adds a Bedrock account ({@code /admin/bedrock-accounts}) from its JSON fields and returns its id. */
  public String createBedrockAccount(String fieldsJson) {
    return createAt("/admin/bedrock-accounts", fieldsJson);
  }

  private String createAt(String adminPath, String body) {
    HttpResponse<String> r = admin("POST", adminPath, body);
    if (r.statusCode() != 200) throw new IllegalStateException("account creation failed: " + r.body());
    return json(r.body()).path("data").path("id").asText();
  }

  /** The key's all-time usage totals ({@code requests}, token counts, {@code cost}). */
  public JsonNode totals(String key) {
    return usage(key).path("usage").path("total");
  }

  public static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + s, e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, Map.of(), null);
  }

  public JsonNode usage(String key) {
    return json(send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body());
  }

  /** Adds an account at priority 50. */
  public String createAccount(String name, String baseUrl, String apiKey) {
    return createAccount(name, baseUrl, apiKey, 50, null);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop(Duration.ofSeconds(5));
  }
}
