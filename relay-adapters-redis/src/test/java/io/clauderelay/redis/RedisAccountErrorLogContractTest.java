package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.contract.AbstractAccountErrorLogContract;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.redis.testing.RedisFixture;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis account error log against the contract, on a real redis-server; plus its key's shape and TTL. */
class RedisAccountErrorLogContractTest extends AbstractAccountErrorLogContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AccountErrorLog newLog() {
    redis.flush();
    return new RedisAccountErrorLog(redis.commands(), CAPACITY, Duration.ofDays(7));
  }

  @Test
  void theLogIsOneCappedListInTheAccountsSlotWithARenewedTtl() {
    for (int i = 0; i < CAPACITY + 2; i++) {
      log.append("acc-1", new AccountErrorEvent(t0, t0.plusSeconds(60), "timeout (HTTP 504)")).toCompletableFuture()
          .join();
    }
    String key = "cr:{acct:acc-1}:errors";
    assertThat(redis.commands().send(Request.cmd(Command.LLEN).arg(key)).toCompletableFuture().join().toLong())
        .isEqualTo(CAPACITY);
    long ttl = redis.commands().send(Request.cmd(Command.PTTL).arg(key)).toCompletableFuture().join().toLong();
    assertThat(ttl).isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(), Duration.ofDays(7).toMillis());
  }
}
