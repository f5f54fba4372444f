package io.clauderelay.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach Redis: one standalone server, the master named by a set of sentinels, or a Redis
 * Cluster (its seed nodes). Pool and timeout bounds are here so that a slow or dead Redis turns
 * into a prompt error, never a hang.
 */
public record RedisSettings(
    Mode mode,
    String host,
    int port,
    int db,
    String password,
    List<String> sentinelHosts,
    String masterName,
    int maxPoolSize,
    int maxPoolWaiting,
    Duration connectTimeout,
    Duration commandTimeout,
    int connectRetries) {

  /** Standalone server, a Sentinel-managed master, or a Redis Cluster. */
  public enum Mode {
    STANDALONE, SENTINEL, CLUSTER
  }

  public RedisSettings {
    Objects.requireNonNull(mode, "mode");
    sentinelHosts = sentinelHosts == null ? List.of() : List.copyOf(sentinelHosts);
    if (mode == Mode.SENTINEL && (sentinelHosts.isEmpty() || masterName == null || masterName.isBlank())) {
      throw new IllegalArgumentException("sentinel mode needs sentinel hosts and a master name");
    }
    if (mode == Mode.CLUSTER && (sentinelHosts.isEmpty() || db != 0)) {
      throw new IllegalArgumentException("cluster mode needs seed nodes, and a cluster has only db 0");
    }
    if (maxPoolSize < 1 || maxPoolWaiting < 0) throw new IllegalArgumentException("pool sizes must be positive");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (connectRetries < 0) throw new IllegalArgumentException("connectRetries must not be negative");
    password = password == null || password.isEmpty() ? null : password;
  }

  /** A standalone server with the default bounds. */
  public static RedisSettings standalone(String host, int port, int db, String password) {
    return new RedisSettings(Mode.STANDALONE, host, port, db, password, List.of(), null, 16, 2048,
        Duration.ofSeconds(2), Duration.ofSeconds(5), 5);
  }

  /** The master named {@code masterName} by the sentinels ({@code host:port} each), default bounds. */
  public static RedisSettings sentinel(List<String> sentinelHosts, String masterName, int db, String password) {
    return new RedisSettings(Mode.SENTINEL, null, 0, db, password, sentinelHosts, masterName, 16, 2048,
        Duration.ofSeconds(2), Duration.ofSeconds(5), 40);
  }

  /**
   * A Redis Cluster reached through any of {@code nodes} ({@code host:port} each; the client learns
   * the rest from CLUSTER SLOTS), default bounds. The list travels in {@code sentinelHosts}.
   */
  public static RedisSettings cluster(List<String> nodes, String password) {
    return new RedisSettings(Mode.CLUSTER, null, 0, 0, password, nodes, null, 16, 2048, Duration.ofSeconds(2),
        Duration.ofSeconds(5), 5);
  }

  public RedisSettings withCommandTimeout(Duration timeout) {
    return new RedisSettings(mode, host, port, db, password, sentinelHosts, masterName, maxPoolSize, maxPoolWaiting,
        connectTimeout, timeout, connectRetries);
  }

  public RedisSettings withConnectRetries(int retries) {
    return new RedisSettings(mode, host, port, db, password, sentinelHosts, masterName, maxPoolSize, maxPoolWaiting,
        connectTimeout, commandTimeout, retries);
  }

  /** Where to connect, for logs: never carries the password. */
  public String describe() {
    return switch (mode) {
      case STANDALONE -> host + ":" + port + "/" + db;
      case SENTINEL -> "sentinel " + String.join(",", sentinelHosts) + " master " + masterName + " db " + db;
      case CLUSTER -> "cluster " + String.join(",", sentinelHosts);
    };
  }
}
