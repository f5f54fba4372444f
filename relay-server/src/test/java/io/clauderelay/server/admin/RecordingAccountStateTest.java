package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.memory.InMemoryAccountErrorLog;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Cool-downs reach the error log; a log that cannot be written never fails or loses the cool-down itself. */
class RecordingAccountStateTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final InMemoryAccountStateStore state = new InMemoryAccountStateStore(new TimeBuckets(ZoneOffset.UTC),
      new InMemoryLedger());

  @Test
  void coolDownsAndFamilyCoolDownsAreLoggedAndAClearIsNot() {
    InMemoryAccountErrorLog log = new InMemoryAccountErrorLog(10);
    RecordingAccountState recording = new RecordingAccountState(state, log, clock);

    recording.coolDown("a", NOW.plusSeconds(60), "server_error (HTTP 503)").toCompletableFuture().join();
    recording.coolDownFamily("a", "opus", NOW.plusSeconds(600), "rate_limited (HTTP 429)").toCompletableFuture().join();
    recording.coolDown("a", null, null).toCompletableFuture().join();

    assertThat(log.recent("a", 10).toCompletableFuture().join()).containsExactly(
        new AccountErrorEvent(NOW, NOW.plusSeconds(600), "rate_limited (HTTP 429) (opus)"),
        new AccountErrorEvent(NOW, NOW.plusSeconds(60), "server_error (HTTP 503)"));
  }

  @Test
  void aFailingLogNeitherFailsTheCoolDownNorKeepsItFromTheStore() {
    AccountErrorLog broken = new AccountErrorLog() {
      @Override
      public CompletionStage<Void> append(String accountId, AccountErrorEvent event) {
        return CompletableFuture.failedFuture(new IllegalStateException("store away"));
      }

      @Override
      public CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit) {
        throw new IllegalStateException("store away");
      }

      @Override
      public CompletionStage<Void> clear(String accountId) {
        throw new IllegalStateException("store away");
      }
    };
    AccountErrorLog throwing = new AccountErrorLog() {
      @Override
      public CompletionStage<Void> append(String accountId, AccountErrorEvent event) {
        throw new IllegalStateException("thrown, not returned");
      }

      @Override
      public CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit) {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<Void> clear(String accountId) {
        return CompletableFuture.completedFuture(null);
      }
    };

    new RecordingAccountState(state, broken, clock).coolDown("a", NOW.plusSeconds(60), "timeout (HTTP 504)")
        .toCompletableFuture().join();
    new RecordingAccountState(state, throwing, clock).coolDown("b", NOW.plusSeconds(60), "timeout (HTTP 504)")
        .toCompletableFuture().join();

    var runtime = state.runtime(List.of("a", "b"), NOW).toCompletableFuture().join();
    assertThat(runtime.get("a").coolingUntil()).isEqualTo(NOW.plusSeconds(60));
    assertThat(runtime.get("b").coolingUntil()).isEqualTo(NOW.plusSeconds(60));
  }
}
