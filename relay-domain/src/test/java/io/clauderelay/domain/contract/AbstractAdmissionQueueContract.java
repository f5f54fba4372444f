package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.admission.QueueEntry;
import io.clauderelay.domain.port.AdmissionQueue;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdmissionQueue} must do; a store's test extends this and supplies an empty one. */
public abstract class AbstractAdmissionQueueContract {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofSeconds(30));

  private AdmissionQueue queue;

  /** A queue in which nobody waits. */
  protected abstract AdmissionQueue newQueue();

  @BeforeEach
  void fresh() {
    queue = newQueue();
  }

  private QueueEntry enter(String key, String ticket, int max, boolean mustWait) {
    return queue.enter(key, ticket, max, NOW, LATER, mustWait).toCompletableFuture().join();
  }

  private int ahead(String key, String ticket, Instant now) {
    return queue.ahead(key, ticket, now).toCompletableFuture().join();
  }

  private int length(String key, Instant now) {
    return queue.length(key, now).toCompletableFuture().join();
  }

  @Test
  void withNobodyWaitingARequestPassesWithoutATicket() {
    assertThat(enter("k", "t1", 5, false)).isInstanceOf(QueueEntry.Pass.class);
    assertThat(length("k", NOW)).isZero();
    assertThat(ahead("k", "t1", NOW)).isEqualTo(-1);
  }

  @Test
  void ticketsAreServedInTheOrderTheyEntered() {
    assertThat(enter("k", "t1", 5, true)).isEqualTo(new QueueEntry.Waiting(0));
    assertThat(enter("k", "t2", 5, false)).isEqualTo(new QueueEntry.Waiting(1));
    assertThat(enter("k", "t3", 5, false)).isEqualTo(new QueueEntry.Waiting(2));

    queue.leave("k", "t1").toCompletableFuture().join();

    assertThat(ahead("k", "t2", NOW)).isZero();
    assertThat(ahead("k", "t3", NOW)).isEqualTo(1);
    assertThat(length("k", NOW)).isEqualTo(2);
  }

  @Test
  void aTicketThatLeavesFromTheMiddleMovesEveryoneBehindItUp() {
    enter("k", "t1", 5, true);
    enter("k", "t2", 5, true);
    enter("k", "t3", 5, true);

    queue.leave("k", "t2").toCompletableFuture().join();
    queue.leave("k", "t2").toCompletableFuture().join();

    assertThat(ahead("k", "t3", NOW)).isEqualTo(1);
    assertThat(ahead("k", "t2", NOW)).isEqualTo(-1);
  }

  @Test
  void aFullLineRefusesTheNextTicketAndEnteringTwiceKeepsThePlace() {
    enter("k", "t1", 2, true);
    enter("k", "t2", 2, true);

    assertThat(enter("k", "t3", 2, true)).isEqualTo(new QueueEntry.Full(2));
    assertThat(enter("k", "t2", 2, true)).isEqualTo(new QueueEntry.Waiting(1));
    assertThat(length("k", NOW)).isEqualTo(2);
  }

  @Test
  void expiredTicketsLeaveTheLineByThemselves() {
    queue.enter("k", "old", 5, NOW, NOW.plusSeconds(1), true).toCompletableFuture().join();
    enter("k", "t2", 5, true);

    Instant afterFirst = NOW.plusSeconds(2);
    assertThat(ahead("k", "t2", afterFirst)).isZero();
    assertThat(length("k", afterFirst)).isEqualTo(1);
    assertThat(length("k", LATER)).isZero();
  }

  @Test
  void keysHaveLinesOfTheirOwn() {
    enter("a", "t1", 1, true);

    assertThat(enter("b", "t2", 1, false)).isInstanceOf(QueueEntry.Pass.class);
    assertThat(enter("a", "t3", 1, false)).isEqualTo(new QueueEntry.Full(1));
  }
}
