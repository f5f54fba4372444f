package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.TurnGate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The turn of each account on a single node. */
public final class InMemoryTurnGate implements TurnGate {
  private static final class Turn {
    String holder;
    Instant heldUntil;
    Instant lastLeft;
  }

  private final Map<String, Turn> turns = new HashMap<>();

  @Override
  public synchronized CompletionStage<Duration> enter(String accountId, String requestId, Instant now, Duration gap,
      Duration holdTtl) {
    Turn t = turns.computeIfAbsent(accountId, id -> new Turn());
    boolean held = t.holder != null && t.heldUntil.isAfter(now);
    if (held && !t.holder.equals(requestId)) return done(Duration.between(now, t.heldUntil));
    if (!held && t.lastLeft != null && now.isBefore(t.lastLeft.plus(gap))) {
      return done(Duration.between(now, t.lastLeft.plus(gap)));
    }
    t.holder = requestId;
    t.heldUntil = now.plus(holdTtl);
    return done(Duration.ZERO);
  }

  @Override
  public synchronized CompletionStage<Void> leave(String accountId, String requestId, Instant now) {
    Turn t = turns.get(accountId);
    if (t != null && requestId.equals(t.holder)) {
      t.holder = null;
      t.lastLeft = now;
    }
    return done(null);
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }
}
