package io.clauderelay.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * Builds the pooled Vert.x Redis client from {@link RedisSettings}. Sentinel mode always targets the
 * master and leaves autoFailover off: a pooled client recovers by itself once the sentinels promote
 * a replica, while autoFailover connections sharing a pooled client never recover (toolchain §3).
 */
public final class RedisConnector {
  private RedisConnector() {}

  public static RedisOptions options(RedisSettings s) {
    RedisOptions o = new RedisOptions()
        .setMaxPoolSize(s.maxPoolSize())
        .setMaxPoolWaiting(s.maxPoolWaiting())
        .setMaxWaitingHandlers(Math.max(2048, s.maxPoolWaiting()))
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout((int) s.connectTimeout().toMillis())
            .setTcpKeepAlive(true)
            .setTcpNoDelay(true))
        .setAutoFailover(false);
    if (s.password() != null) o.setPassword(s.password());
    if (s.mode() == RedisSettings.Mode.STANDALONE) {
      o.setType(RedisClientType.STANDALONE).setConnectionString("redis://" + s.host() + ":" + s.port() + "/" + s.db());
    } else {
      o.setType(RedisClientType.SENTINEL).setMasterName(s.masterName()).setRole(RedisRole.MASTER);
      // The master's URI inherits the db (and password) from the sentinel connection strings.
      for (String hostPort : s.sentinelHosts()) o.addConnectionString("redis://" + hostPort + "/" + s.db());
    }
    return o;
  }

  /** A pooled client: every command borrows a connection, so a dead master costs no reconnect code. */
  public static Redis client(Vertx vertx, RedisSettings s) {
    return Redis.createClient(vertx, options(s));
  }

  /** The command runner the stores use, with the settings' timeout and connect retries. */
  public static RedisCommands commands(Vertx vertx, RedisSettings s) {
    return new RedisCommands(vertx, client(vertx, s), s.commandTimeout(), s.connectRetries());
  }
}
