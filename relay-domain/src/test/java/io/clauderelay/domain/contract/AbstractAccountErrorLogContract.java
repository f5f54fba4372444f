package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.port.AccountErrorLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountErrorLog} must do; a store's test extends this and supplies an empty one. */
public abstract class AbstractAccountErrorLogContract {
  /** The capacity the store under test must be built with. */
  protected static final int CAPACITY = 5;

  /** An empty log keeping {@link #CAPACITY} events per account. */
  protected abstract AccountErrorLog newLog();

  protected AccountErrorLog log;
  protected Instant t0;

  @BeforeEach
  void fresh() {
    log = newLog();
    // Stores keep millisecond precision (Redis scores and JSON), so the fixtures use it too.
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private AccountErrorEvent event(int n) {
    return new AccountErrorEvent(t0.plusSeconds(n), t0.plusSeconds(n + 300),
        "server_error (HTTP 50" + (n % 10) + ") #" + n);
  }

  @Test
  void anAccountWithoutEventsHasAnEmptyHistory() {
    assertThat(join(log.recent("nobody", 10))).isEmpty();
  }

  @Test
  void eventsComeBackNewestFirstWithEveryField() {
    join(log.append("a", event(1)));
    join(log.append("a", event(2)));

    assertThat(join(log.recent("a", 10))).containsExactly(event(2), event(1));
  }

  @Test
  void aReasonWithQuotesAndNonAsciiSurvives() {
    AccountErrorEvent odd = new AccountErrorEvent(t0, t0.plusSeconds(60), "auth_error (HTTP 401) \"ünïcode\" ✓ \\ {x}");
    join(log.append("a", odd));

    assertThat(join(log.recent("a", 1))).containsExactly(odd);
  }

  @Test
  void recentReturnsAtMostTheLimit() {
    for (int i = 1; i <= 4; i++) join(log.append("a", event(i)));

    assertThat(join(log.recent("a", 2))).containsExactly(event(4), event(3));
  }

  @Test
  void aLimitOfZeroReturnsNothing() {
    join(log.append("a", event(1)));

    assertThat(join(log.recent("a", 0))).isEmpty();
  }

  @Test
  void onlyTheNewestEventsUpToTheCapacityAreKept() {
    for (int i = 1; i <= CAPACITY + 3; i++) join(log.append("a", event(i)));

    List<AccountErrorEvent> kept = join(log.recent("a", 100));
    assertThat(kept).hasSize(CAPACITY);
    assertThat(kept.get(0)).isEqualTo(event(CAPACITY + 3));
    assertThat(kept.get(CAPACITY - 1)).isEqualTo(event(4));
  }

  @Test
  void accountsKeepSeparateHistories() {
    join(log.append("a", event(1)));
    join(log.append("b", event(2)));

    assertThat(join(log.recent("a", 10))).containsExactly(event(1));
    assertThat(join(log.recent("b", 10))).containsExactly(event(2));
  }

  @Test
  void clearForgetsOneAccountOnly() {
    join(log.append("a", event(1)));
    join(log.append("b", event(2)));

    join(log.clear("a"));
    join(log.clear("never-seen"));

    assertThat(join(log.recent("a", 10))).isEmpty();
    assertThat(join(log.recent("b", 10))).containsExactly(event(2));
    join(log.append("a", event(3)));
    assertThat(join(log.recent("a", 10))).containsExactly(event(3));
  }
}
