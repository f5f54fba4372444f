package io.clauderelay.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;

/**
 * Builds the pooled Vert.x Redis client from {@link RedisSettings}. Sentinel mode always targets the
 * master and leaves autoFailover off: a pooled client recovers by itself once the sentinels promote
 * a replica, while autoFailover connections sharing a pooled client never recover (toolchain §3).
 */
public final class RedisConnector {
  /** Room for one connection per event loop, with spares for connections still closing. */
  private static final int LANE_SLOTS = 64;
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
    } else if (s.mode() == RedisSettings.Mode.CLUSTER) {
      // Masters only: a replica's answer may lag the settlement that just ran on its master.
      o.setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
      for (String hostPort : s.sentinelHosts()) o.addConnectionString("redis://" + hostPort);
    } else {
      o.setType(RedisClientType.SENTINEL).setMasterName(s.masterName()).setRole(RedisRole.MASTER);
      // The master's URI inherits the db (and password) from the sentinel connection strings.
      for (String hostPort : s.sentinelHosts()) o.addConnectionString("redis://" + hostPort + "/" + s.db());
    }
    return o;
  }

  /**
   * The invalidation bus's own client. On a Cluster it is a plain connection to the first seed node:
   * PUBLISH on any node reaches the subscribers of every node, and the cluster client's connection
   * is a set of per-node connections that a SUBSCRIBE would not pin to one.
   */
  public static Redis subscriberClient(Vertx vertx, RedisSettings s) {
    if (s.mode() != RedisSettings.Mode.CLUSTER) return client(vertx, s);
    RedisOptions o = options(s);
    o.setType(RedisClientType.STANDALONE).setConnectionString("redis://" + s.sentinelHosts().get(0));
    return Redis.createClient(vertx, o);
  }

  /** A pooled client: every command borrows a connection, so a dead master costs no reconnect code. */
  public static Redis client(Vertx vertx, RedisSettings s) {
    return Redis.createClient(vertx, options(s));
  }

  /**
   * The command runner the stores use, with the settings' timeout and connect retries. The event
   * loops' long-lived connections come from a client of their own, so they never take the pool's
   * slots (and the pool never lends them a connection bound to another loop).
   */
  public static RedisCommands commands(Vertx vertx, RedisSettings s) {
    Redis lanes = Redis.createClient(vertx, options(s).setMaxPoolSize(Math.max(s.maxPoolSize(), LANE_SLOTS)));
    return new RedisCommands(vertx, client(vertx, s), lanes, masterCheck(vertx, s), s.commandTimeout(),
        s.connectRetries(), s.mode() == RedisSettings.Mode.CLUSTER);
  }

  /** In Sentinel mode a sentinel vets every long-lived connection; a standalone server needs no check. */
  static LoopConnections.MasterCheck masterCheck(Vertx vertx, RedisSettings s) {
    // A cluster client follows MOVED and refreshes its slot map itself.
    if (s.mode() != RedisSettings.Mode.SENTINEL) return LoopConnections.MasterCheck.STANDALONE;
    return new SentinelMasterCheck(Redis.createClient(vertx, options(s).setRole(RedisRole.SENTINEL)), s.masterName());
  }
}
