package io.clauderelay.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which store the relay uses and how to reach it: Sentinel when REDIS_SENTINEL_ENABLED=true, a Redis
 * Cluster when REDIS_CLUSTER_NODES is set (its seed nodes, in {@code sentinels}), one Redis when
 * REDIS_HOST is set, else the embedded store kept in DATA_DIR.
 */
public record StoreConfig(
    StoreMode mode, Optional<HostPort> standalone, List<HostPort> sentinels, String masterName, int db,
    Optional<Secret> password) {

  public StoreConfig {
    sentinels = List.copyOf(sentinels);
  }

  static StoreConfig from(EnvValues env, AppEnv appEnv, List<String> warnings) {
    boolean sentinelEnabled = env.bool("REDIS_SENTINEL_ENABLED", false);
    Optional<String> hostsText = env.text("REDIS_SENTINEL_HOSTS");
    String masterName = env.text("REDIS_SENTINEL_MASTER_NAME", "mymaster");
    Optional<String> host = env.text("REDIS_HOST");
    Optional<String> clusterText = env.text("REDIS_CLUSTER_NODES");
    int port = env.intInRange("REDIS_PORT", 6379, 1, 65535, "REDIS_PORT=6379");
    int db = env.intInRange("REDIS_DB", 0, 0, 65535, "REDIS_DB=0");
    Optional<Secret> password = env.secret("REDIS_PASSWORD");

    StoreMode mode;
    List<HostPort> sentinels = List.of();
    Optional<HostPort> standalone = Optional.empty();
    if (sentinelEnabled) {
      mode = StoreMode.SENTINEL;
      sentinels = sentinels(hostsText.orElseThrow(() -> EnvValues.missing("REDIS_SENTINEL_HOSTS",
          "when REDIS_SENTINEL_ENABLED=true", EXAMPLE_HOSTS)));
      if (host.isPresent()) {
        warnings.add("REDIS_HOST is ignored because REDIS_SENTINEL_ENABLED=true: the master comes from the sentinels");
      }
      if (clusterText.isPresent()) {
        throw EnvValues.invalid("REDIS_CLUSTER_NODES", "cannot be used with REDIS_SENTINEL_ENABLED=true (a cluster"
            + " has no sentinels)", clusterText.get(), EXAMPLE_CLUSTER);
      }
    } else if (clusterText.isPresent()) {
      mode = StoreMode.CLUSTER;
      sentinels = hostList("REDIS_CLUSTER_NODES", clusterText.get(), EXAMPLE_CLUSTER);
      if (db != 0) {
        throw EnvValues.invalid("REDIS_DB", "must be 0 with REDIS_CLUSTER_NODES (a cluster has only db 0)",
            Integer.toString(db), "REDIS_DB=0");
      }
      if (host.isPresent()) {
        warnings.add("REDIS_HOST is ignored because REDIS_CLUSTER_NODES is set: the client learns the nodes from them");
      }
    } else if (host.isPresent()) {
      mode = StoreMode.STANDALONE;
      standalone = Optional.of(new HostPort(host.get(), port));
    } else {
      mode = StoreMode.EMBEDDED;
      warnings.add(
          "No Redis configured (REDIS_HOST, REDIS_CLUSTER_NODES or REDIS_SENTINEL_ENABLED): using the embedded store in DATA_DIR;"
              + " one node only; for several nodes use Redis");
    }

    if (mode != StoreMode.EMBEDDED && password.isEmpty()) {
      if (appEnv.isProduction()) {
        throw EnvValues.missing("REDIS_PASSWORD", "in production when Redis is used",
            "REDIS_PASSWORD=<the requirepass of your Redis>");
      }
      warnings.add("REDIS_PASSWORD not set: connecting to Redis without a password");
    }
    return new StoreConfig(mode, standalone, sentinels, masterName, db, password);
  }

  private static final String EXAMPLE_HOSTS = "REDIS_SENTINEL_HOSTS=10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379";
  private static final String EXAMPLE_CLUSTER = "REDIS_CLUSTER_NODES=10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379";

  private static List<HostPort> sentinels(String text) {
    return hostList("REDIS_SENTINEL_HOSTS", text, EXAMPLE_HOSTS);
  }

  private static List<HostPort> hostList(String name, String text, String example) {
    List<HostPort> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      HostPort hp = HostPort.parseOrNull(part);
      if (hp == null) {
        throw EnvValues.invalid(name, "must be a comma-separated list of host:port", part.strip(), example);
      }
      out.add(hp);
    }
    if (out.isEmpty()) {
      throw EnvValues.invalid(name, "must list at least one host:port", text, example);
    }
    return out;
  }
}
