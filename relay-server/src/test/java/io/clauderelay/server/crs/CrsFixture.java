package io.clauderelay.server.crs;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.redis.testing.RespClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis snapshot CRS v1.1.314 wrote ({@code ../shared/fixtures/crs-1.1.314}), served by a
 * private redis-server on a free loopback port, with the values CRS ran with and its expectations.
 */
final class CrsFixture implements AutoCloseable {
  final int port;
  final Map<String, String> env;
  private final Process process;

  private CrsFixture(int port, Process process, Map<String, String> env) {
    this.port = port;
    this.process = process;
    this.env = env;
  }

  /** The fixture directory, or null when {@code ../shared} is not beside the repository. */
  static Path dir() {
    Path root = Files.isDirectory(Path.of("relay-server")) ? Path.of("") : Path.of("..");
    Path d = root.toAbsolutePath().resolve("../shared/fixtures/crs-1.1.314").normalize();
    return Files.isRegularFile(d.resolve("dump.rdb")) ? d : null;
  }

  static CrsFixture start() {
    try {
      Path data = Files.createTempDirectory("crs-fixture-");
      Files.copy(dir().resolve("dump.rdb"), data.resolve("dump.rdb"));
      int port = RedisServerProcess.freePort();
      Process p = new ProcessBuilder(RedisServerProcess.BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", data.toString(), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no")
          .redirectErrorStream(true).redirectOutput(data.resolve("redis.log").toFile()).start();
      CrsFixture f = new CrsFixture(port, p, readEnv());
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline) {
        try {
          if ("PONG".equals(RespClient.call(port, null, "PING"))) return f;
        } catch (IOException loading) {
          // not listening yet, or still loading the snapshot
        }
        Thread.sleep(20);
      }
      f.close();
      throw new IllegalStateException("the CRS fixture's redis-server did not start");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> readEnv() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir().resolve("crs.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return env;
  }

  Object call(String... args) {
    try {
      return RespClient.call(port, null, args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void hset(String key, String field, String value) {
    call("HSET", key, field, value);
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  static List<String> args(String... a) {
    return List.of(a);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
