package io.clauderelay.server.admin;

import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.clauderelay.server.observe.RelayObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes everything to the real account state store and notes each cool-down in the shared account
 * error log. Only a cool-down writes there, so a successful request costs nothing extra; a failed
 * write is logged and dropped (the history is for operators, the cool-down itself is what matters).
 */
public final class RecordingAccountState implements AccountStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingAccountState.class);

  private final AccountStateStore inner;
  private final AccountErrorLog errors;
  private final Clock clock;
  private final RelayObserver observer;

  public RecordingAccountState(AccountStateStore inner, AccountErrorLog errors, Clock clock) {
    this(inner, errors, clock, RelayObserver.NONE);
  }

  public RecordingAccountState(AccountStateStore inner, AccountErrorLog errors, Clock clock, RelayObserver observer) {
    this.observer = observer;
    this.inner = inner;
    this.errors = errors;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    return inner.runtime(accountIds, now);
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    return inner.acquire(accountId, requestId, max, ttl, now);
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    return inner.release(accountId, requestId, now);
  }

  @Override
  public CompletionStage<Integer> renew(
      java.util.Map<String, ? extends java.util.Collection<String>> requestIdsByAccount,
      Instant now, Duration ttl) {
    return inner.renew(requestIdsByAccount, now, ttl);
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    CompletionStage<Void> cooled = inner.coolDown(accountId, until, reason);
    if (until != null) observer.cooledDown(accountId, until, reason);
    return until == null ? cooled : cooled.thenCombine(note(accountId, until, reason), (a, b) -> null);
  }

  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    CompletionStage<Void> cooled = inner.coolDownFamily(accountId, family, until, reason);
    if (until != null) observer.cooledDown(accountId, until, reason + " (" + family + ")");
    return until == null
        ? cooled
        : cooled.thenCombine(note(accountId, until, reason + " (" + family + ")"), (a, b) -> null);
  }

  /** Appends the event; completes normally whatever happens, so no caller ever fails on the log. */
  private CompletionStage<Void> note(String accountId, Instant until, String reason) {
    CompletionStage<Void> written;
    try {
      written = errors.append(accountId, new AccountErrorEvent(clock.instant(), until, reason));
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    return written.exceptionally(err -> {
      LOG.warn("account {}: cool-down not written to the error history: {}", accountId, String.valueOf(err));
      return null;
    });
  }

  // The port's defaults would drop these; a decorator must pass every operation on.
  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return inner.recordWindowStatus(accountId, status);
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return inner.recordPlan(accountId, plan);
  }

  /** The wrapped store (Redis adapters expose extra operations on their concrete type). */
  public AccountStateStore inner() {
    return inner;
  }
}
