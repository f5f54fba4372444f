package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.redis.testing.SentinelTopology;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A long-lived connection is used only if it reached the master the sentinels name: not the replica,
 * and not a server on an old master's address that came back empty and still calls itself master.
 */
class SentinelMasterCheckTest {
  private static final String PASSWORD = "sentinel-secret";
  private static SentinelTopology topology;
  private static RedisServerProcess stranger;
  private static Vertx vertx;
  private static LoopConnections.MasterCheck check;

  @BeforeAll
  static void start() {
    topology = SentinelTopology.start(PASSWORD);
    stranger = RedisServerProcess.start(PASSWORD);
    vertx = Vertx.vertx();
    check = RedisConnector.masterCheck(vertx,
        RedisSettings.sentinel(topology.sentinelHostPorts(), SentinelTopology.MASTER_NAME, 0, PASSWORD));
  }

  @AfterAll
  static void stop() {
    if (check != null) check.close().await();
    if (vertx != null) vertx.close().await();
    if (stranger != null) stranger.stop();
    if (topology != null) topology.stop();
  }

  private static boolean confirms(int port) {
    Redis direct = Redis.createClient(vertx, "redis://:" + PASSWORD + "@127.0.0.1:" + port);
    try {
      RedisConnection c = direct.connect().await();
      return check.confirms(c).await();
    } finally {
      direct.close().await();
    }
  }

  @Test
  void theMasterTheSentinelsNameIsConfirmed() {
    assertThat(confirms(topology.masterPort())).isTrue();
  }

  @Test
  void theReplicaIsNot() {
    assertThat(confirms(topology.replicaPort())).isFalse();
  }

  @Test
  void aServerThatCallsItselfMasterButIsNotTheNamedOneIsNot() {
    assertThat(stranger.call("ROLE")).asString().contains("master");
    assertThat(confirms(stranger.port())).isFalse();
  }
}
