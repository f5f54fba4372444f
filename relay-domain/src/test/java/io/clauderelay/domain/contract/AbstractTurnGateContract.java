package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.TurnGate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TurnGate} must do; a store's test extends this and supplies a fresh one. */
public abstract class AbstractTurnGateContract {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration GAP = Duration.ofMillis(200);
  private static final Duration HOLD = Duration.ofSeconds(60);

  private TurnGate gate;

  /** A gate where no account's turn is held. */
  protected abstract TurnGate newGate();

  @BeforeEach
  void fresh() {
    gate = newGate();
  }

  private Duration enter(String account, String request, Instant now) {
    return gate.enter(account, request, now, GAP, HOLD).toCompletableFuture().join();
  }

  private void leave(String account, String request, Instant now) {
    gate.leave(account, request, now).toCompletableFuture().join();
  }

  @Test
  void aFreeTurnIsTakenAndTheNextWaitsUntilItIsLetGoPlusTheGap() {
    assertThat(enter("a", "r1", NOW)).isZero();
    assertThat(enter("a", "r2", NOW.plusMillis(10))).isPositive();

    leave("a", "r1", NOW.plusMillis(500));

    assertThat(enter("a", "r2", NOW.plusMillis(600))).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(enter("a", "r2", NOW.plusMillis(700))).isZero();
  }

  @Test
  void theHolderEnteringAgainKeepsItAndOnlyTheHolderLetsItGo() {
    assertThat(enter("a", "r1", NOW)).isZero();
    assertThat(enter("a", "r1", NOW.plusSeconds(1))).isZero();

    leave("a", "r2", NOW.plusSeconds(2));
    assertThat(enter("a", "r3", NOW.plusSeconds(3))).isPositive();
  }

  @Test
  void aHolderThatNeverLetsGoLosesTheTurnAfterTheHoldTtl() {
    assertThat(enter("a", "r1", NOW)).isZero();

    assertThat(enter("a", "r2", NOW.plus(HOLD).plusMillis(1))).isZero();
  }

  @Test
  void accountsHaveTurnsOfTheirOwn() {
    assertThat(enter("a", "r1", NOW)).isZero();
    assertThat(enter("b", "r2", NOW)).isZero();
  }
}
