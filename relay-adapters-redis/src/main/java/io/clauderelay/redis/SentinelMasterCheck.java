package io.clauderelay.redis;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.impl.PooledRedisConnection;

/**
 * Asks a sentinel whether a new long-lived connection reached the address it names as master now.
 * The client's view of the topology is cached for a second, so just after a failover a connect can
 * still go to the old master's address. If that process was restarted meanwhile it answers as an
 * empty master until the sentinels demote it (about 10 s): a connection held there would find no
 * keys (401 for every client) and write usage that the demotion then wipes. The run id cannot tell:
 * right after a switch the sentinels do not know the new master's yet.
 */
final class SentinelMasterCheck implements LoopConnections.MasterCheck {
  private final Redis sentinels;
  private final String masterName;

  SentinelMasterCheck(Redis sentinels, String masterName) {
    this.sentinels = sentinels;
    this.masterName = masterName;
  }

  @Override
  public Future<Boolean> confirms(RedisConnection connection) {
    SocketAddress reached = remoteAddress(connection);
    if (reached == null) return Future.succeededFuture(true);
    return sentinels.send(Request.cmd(Command.SENTINEL).arg("GET-MASTER-ADDR-BY-NAME").arg(masterName))
        .map(r -> r != null && r.size() == 2 && r.get(1).toInteger() == reached.port()
            && sameHost(reached, r.get(0).toString()));
  }

  @Override
  public Future<Void> close() {
    return sentinels.close();
  }

  // The client's own connection class is the only place that knows the socket's peer.
  private static SocketAddress remoteAddress(RedisConnection connection) {
    return connection instanceof PooledRedisConnection pooled ? pooled.actual().remoteAddress() : null;
  }

  private static boolean sameHost(SocketAddress reached, String named) {
    return named.equals(reached.host()) || named.equals(reached.hostAddress()) || named.equals(reached.hostName());
  }
}
