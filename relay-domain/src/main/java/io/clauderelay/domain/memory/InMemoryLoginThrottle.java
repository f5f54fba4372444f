package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded login throttle: one node, counters with an expiry, as the Redis one keeps them. */
public final class InMemoryLoginThrottle implements LoginThrottle {
  private record Counter(long failures, Instant expiresAt) {}

  private final Clock clock;
  private final Map<String, Counter> counters = new HashMap<>();

  public InMemoryLoginThrottle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Duration> recordFailure(String subject, int maxFailures, Duration window,
      Duration lockout) {
    Instant now = clock.instant();
    Counter c = live(subject, now);
    long n = c == null ? 1 : c.failures() + 1;
    Instant expiresAt = c == null ? now.plus(window) : c.expiresAt();
    if (n == maxFailures) expiresAt = now.plus(lockout);
    counters.put(subject, new Counter(n, expiresAt));
    return done(n >= maxFailures ? Duration.between(now, expiresAt) : Duration.ZERO);
  }

  @Override
  public synchronized CompletionStage<Duration> lockedFor(String subject, int maxFailures) {
    Instant now = clock.instant();
    Counter c = live(subject, now);
    return done(c != null && c.failures() >= maxFailures ? Duration.between(now, c.expiresAt()) : Duration.ZERO);
  }

  @Override
  public synchronized CompletionStage<Void> clear(String subject) {
    counters.remove(subject);
    return done(null);
  }

  private Counter live(String subject, Instant now) {
    Counter c = counters.get(subject);
    if (c != null && !now.isBefore(c.expiresAt())) {
      counters.remove(subject);
      return null;
    }
    return c;
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }
}
