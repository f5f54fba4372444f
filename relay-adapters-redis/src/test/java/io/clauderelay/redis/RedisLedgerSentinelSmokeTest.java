package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.SentinelTopology;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ledger through a master + replica + 3 sentinels topology: the client finds the master by name. */
@Tag("sentinel-smoke")
class RedisLedgerSentinelSmokeTest {
  private static SentinelTopology topology;
  private static Vertx vertx;
  private static RedisCommands commands;

  @BeforeAll
  static void startTopology() {
    topology = SentinelTopology.start("sentinel-secret");
    vertx = Vertx.vertx();
    commands = RedisConnector.commands(vertx,
        RedisSettings.sentinel(topology.sentinelHostPorts(), SentinelTopology.MASTER_NAME, 0, topology.password()));
  }

  @AfterAll
  static void stopTopology() {
    if (commands != null) commands.close().await();
    if (vertx != null) vertx.close().await();
    if (topology != null) topology.stop();
  }

  @Test
  void admitsAndSettlesOnTheMasterTheSentinelsName() {
    RedisLedger ledger = new RedisLedger(commands);
    Instant now = Instant.parse("2026-03-04T10:00:00Z");
    KeyLimits limits = new KeyLimits(1, 0, 0, 0, 0, 0, 0, 0, 1, 0);
    AdmissionRequest req = new AdmissionRequest("k1", "lease-1", limits, now, Duration.ofMinutes(5), "2026-03-04",
        "2026-03-02T00", true, 0, now, now);

    assertThat(ledger.admit(req).toCompletableFuture().join()).isInstanceOf(AdmissionResult.Admitted.class);
    UsageRecord r = new UsageRecord("req-1", "k1", "acc-1", Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(10, 20, 0, 0, 0), new Cost(0, 0, 0, 0, 0, 500, false, false), 500, 200, false, 10, 5, now);
    UsageBuckets b = new UsageBuckets("2026-03-04", "2026-03-04:10", "2026-03", "2026-03-02T00");
    assertThat(ledger.settle(new UsageSettlement(r, b, "lease-1", true)).toCompletableFuture().join()).isTrue();

    KeyUsage u = ledger.keyUsage("k1", b, 0, now).toCompletableFuture().join();
    assertThat(u.total().requests()).isEqualTo(1);
    assertThat(u.totalCostMicros()).isEqualTo(500);
    assertThat(u.inFlight()).isZero();
    assertThat(topology.callMaster("EXISTS", RedisKeys.costTotal("k1"))).isEqualTo(1L);
  }
}
