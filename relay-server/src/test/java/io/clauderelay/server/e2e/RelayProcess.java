package io.clauderelay.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.redis.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A relay in a child JVM ({@code RelayMain}, as {@code ./relay} runs it) in a working directory of
 * its own, so a test can stop it as an operator or a crash would: SIGTERM or kill -9.
 */
final class RelayProcess implements AutoCloseable {
  static final String ADMIN_PASSWORD = "correct horse battery staple";
  final Path workDir;
  final int port;
  final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;

  private RelayProcess(Path workDir, int port, Process process) {
    this.workDir = workDir;
    this.port = port;
    this.process = process;
  }

  static Map<String, String> env(Path workDir, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(port));
    env.put("HOST", "127.0.0.1");
    env.put("NODE_ENV", "test");
    env.put("DATA_DIR", workDir.resolve("data").toString());
    env.put("LOG_DIR", workDir.resolve("logs").toString());
    env.put("JWT_SECRET", "test-jwt-secret-that-is-long-enough-0123456789");
    env.put("ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    env.put("ADMIN_USERNAME", "admin");
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("TIMEZONE_OFFSET", "0");
    return env;
  }

  /** Runs {@code ./relay args...} in {@code workDir} to its end; returns exit code and output (stdout + stderr). */
  static Result run(Path workDir, Map<String, String> extraEnv, String... args) {
    try {
      Process p = builder(workDir, extraEnv, args).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Result(int exitCode, String output) {}

  private static ProcessBuilder builder(Path workDir, Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.clauderelay.server.RelayMain"));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
    b.environment().putAll(env(workDir, 0));
    b.environment().putAll(extraEnv);
    return b;
  }

  /** Starts {@code ./relay serve} on a free port and waits until it answers /health. */
  static RelayProcess start(Path workDir) {
    int port = RedisServerProcess.freePort();
    try {
      Files.createDirectories(workDir);
      Process p = builder(workDir, Map.of("PORT", Integer.toString(port)), "serve")
          .redirectOutput(workDir.resolve("relay.out").toFile()).start();
      RelayProcess relay = new RelayProcess(workDir, port, p);
      relay.awaitHealthy();
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("relay exited: " + output());
      try {
        if (send("GET", "/health", Map.of(), null).statusCode() == 200) return;
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("relay did not become healthy: " + output());
  }

  String output() {
    try {
      return Files.readString(workDir.resolve("relay.out"));
    } catch (IOException e) {
      return "(no output)";
    }
  }

  HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
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

  HttpResponse<String> admin(String method, String path, String body) {
    if (token == null) {
      token = RelayNode.json(send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
          "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").body()).path("token").asText();
    }
    return send(method, path, Map.of("content-type", "application/json", "authorization", "Bearer " + token), body);
  }

  JsonNode adminJson(String method, String path, String body) {
    HttpResponse<String> r = admin(method, path, body);
    if (r.statusCode() != 200)
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    return RelayNode.json(r.body());
  }

  HttpResponse<String> messages(String key, String body) {
    return send("POST", "/api/v1/messages", Map.of("content-type", "application/json", "x-api-key", key), body);
  }

  JsonNode usage(String key) {
    return RelayNode.json(send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body()).path("usage")
        .path("total");
  }

  /** SIGTERM, as systemd or docker stop sends: the graceful stop. */
  void stop() {
    process.destroy();
    await();
  }

  /** kill -9: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  private void await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("relay did not exit");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }
}
