package io.clauderelay.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * One user turn at a time per subscription account, across every node (issue 20, CRS's "user
 * message queue"): a request that carries a new user turn holds the account's turn from sending
 * until the upstream's answer starts, and the next turn may start only {@code gap} after the last
 * one let go. A holder that never lets go (its node died) loses the turn after {@code holdTtl}.
 */
public interface TurnGate {

  /**
   * Takes the account's turn for {@code requestId} if it is free and the gap since the last turn
   * has passed (taking it again as its holder only extends it). Answers zero when taken, else about
   * how long until it may be free (a hint to wait before asking again).
   */
  CompletionStage<Duration> enter(String accountId, String requestId, Instant now, Duration gap, Duration holdTtl);

  /** Lets the turn go if {@code requestId} holds it, the gap counting from {@code now}. Idempotent. */
  CompletionStage<Void> leave(String accountId, String requestId, Instant now);
}
