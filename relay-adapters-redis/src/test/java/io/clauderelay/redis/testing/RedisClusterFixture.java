package io.clauderelay.redis.testing;

import io.clauderelay.redis.RedisCommands;
import io.clauderelay.redis.RedisConnector;
import io.clauderelay.redis.RedisSettings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real 3-master Redis Cluster on free loopback ports (no replicas, no persistence), password
 * protected, with Vert.x and the stores' command runner on it: started by {@code redis-server
 * --cluster-enabled yes} and {@code redis-cli --cluster create}, ready when every node reports
 * {@code cluster_state:ok}; every process stopped after the class. Tests {@link #flush()} every master.
 */
public final class RedisClusterFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  public static final String PASSWORD = "test-secret";
  public static final String CLI = System.getProperty("redis.cli.binary", "/usr/bin/redis-cli");
  private static final int MASTERS = 3;

  private final List<RedisServerProcess> nodes = new ArrayList<>();
  private Vertx vertx;
  private RedisCommands commands;
  /** The class that started the cluster: its @Nested classes share it, only its end stops it. */
  private Class<?> owner;

  private RedisClusterFixture() {}

  /** Not started yet: JUnit starts it, as a static {@code @RegisterExtension} field. */
  public static RedisClusterFixture perClass() {
    return new RedisClusterFixture();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (owner != null) return;
    owner = context.getRequiredTestClass();
    for (int i = 0; i < MASTERS; i++) {
      nodes.add(RedisServerProcess.start(PASSWORD, List.of("--cluster-enabled", "yes", "--cluster-config-file",
          "nodes.conf", "--cluster-node-timeout", "5000")));
    }
    List<String> cmd = new ArrayList<>(List.of(CLI, "-a", PASSWORD, "--no-auth-warning", "--cluster", "create"));
    nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process create = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
      close();
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
    }
    awaitClusterOk();
    vertx = Vertx.vertx();
    commands = RedisConnector.commands(vertx, settings());
  }

  private void awaitClusterOk() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      boolean ok = true;
      for (RedisServerProcess n : nodes) {
        ok &= String.valueOf(RespClient.call(n.port(), PASSWORD, "CLUSTER", "INFO")).contains("cluster_state:ok");
      }
      if (ok) return;
      Thread.sleep(50);
    }
    throw new IllegalStateException("the cluster did not reach cluster_state:ok");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getRequiredTestClass() == owner) close();
  }

  /** Every master as a seed node: the client learns the slot map from any of them. */
  public RedisSettings settings() {
    return RedisSettings.cluster(nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList(), PASSWORD);
  }

  public List<RedisServerProcess> nodes() {
    return nodes;
  }

  public Vertx vertx() {
    return vertx;
  }

  public RedisCommands commands() {
    return commands;
  }

  /** Empties every master. */
  public void flush() {
    nodes.forEach(RedisServerProcess::flushAll);
  }

  /** The number of keys each master holds, in node order. */
  public List<Long> keysPerNode() {
    return nodes.stream().map(n -> (Long) n.call("DBSIZE")).toList();
  }

  @Override
  public void close() {
    if (commands != null) commands.close().await();
    if (vertx != null) vertx.close().await();
    nodes.forEach(RedisServerProcess::stop);
  }
}
