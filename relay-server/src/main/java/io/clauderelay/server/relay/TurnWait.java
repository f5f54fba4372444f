package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.TurnGate;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;

/**
 * One user turn at a time per subscription account (issue 20): a request with a new user turn for
 * an account with {@code userMessageQueueEnabled} waits for the account's turn ({@link TurnGate},
 * cluster-wide) before it is sent, and lets it go as soon as the upstream's answer starts (or the
 * call fails), so the next turn starts the account's gap later. Tool-result continuations and token
 * counts never wait. The account's slot and the conversation's sticky binding are kept meanwhile.
 */
final class TurnWait {
  /** A holder whose node died gives the turn up after this. */
  static final Duration HOLD_TTL = Duration.ofMinutes(2);
  /** Longest wait for a turn (CRS's default), then 503 with Retry-After. */
  static final Duration WAIT_LIMIT = Duration.ofSeconds(60);
  private static final long MIN_POLL_MS = 10;
  private static final long MAX_POLL_MS = 250;

  private final TurnGate gate;
  private final Clock clock;

  TurnWait(TurnGate gate, Clock clock) {
    this.gate = gate;
    this.clock = clock;
  }

  /** Whether this request waits for its account's turn. */
  static boolean applies(RelayCall call, Account account, boolean countTokens) {
    return !countTokens && account.type() == AccountType.CLAUDE_OAUTH && account.protections().userMessageQueueEnabled()
        && call.request.newUserTurn();
  }

  /**
   * Completes when the turn is the call's (true) or the client left (false); fails with a
   * {@link FailureException} past the wait limit or when the store cannot answer.
   */
  Future<Boolean> take(RelayCall call, Account account) {
    Promise<Boolean> done = Promise.promise();
    long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
    attempt(call, account, deadline, done);
    return done.future();
  }

  private void attempt(RelayCall call, Account account, long deadline, Promise<Boolean> done) {
    if (call.clientGone) {
      done.complete(false);
      return;
    }
    Async.from(gate.enter(account.id(), call.requestId, clock.instant(), account.protections().turnGap(), HOLD_TTL))
        .onSuccess(wait -> {
          if (wait.isZero()) {
            call.turnAccountId = account.id();
            done.complete(true);
            return;
          }
          if (System.nanoTime() > deadline) {
            done.fail(new FailureException(Failure.of(FailureKind.PROVIDER_NO_ACCOUNT,
                "the subscription account is still answering another user turn; retry shortly")
                .withDetail("reason", "turn_timeout").withRetryAfter(5)));
            return;
          }
          long ms = Math.max(MIN_POLL_MS, Math.min(MAX_POLL_MS, wait.toMillis()));
          call.context.owner().setTimer(ms, id -> attempt(call, account, deadline, done));
        })
        .onFailure(err -> done.fail(new FailureException(
            FlowErrors.storeUnavailable("The relay's store is unavailable (failover in progress?); retry shortly"))));
  }

  /** Lets the call's turn go, if it holds one; idempotent. */
  void release(RelayCall call) {
    String accountId = call.turnAccountId;
    if (accountId == null) return;
    call.turnAccountId = null;
    gate.leave(accountId, call.requestId, clock.instant());
  }
}
