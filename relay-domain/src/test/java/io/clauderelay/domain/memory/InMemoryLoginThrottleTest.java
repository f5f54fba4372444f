package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Expiry of failure counts and lockouts, with a clock moved by hand. */
class InMemoryLoginThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle(clock);

  private Duration fail() {
    return throttle.recordFailure("ip:1.2.3.4", 2, Duration.ofMinutes(15), Duration.ofMinutes(15)).toCompletableFuture()
        .join();
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    fail();
    clock.advance(Duration.ofMinutes(16));

    assertThat(fail()).isZero();
  }

  @Test
  void aLockoutEndsAfterItsDuration() {
    fail();
    assertThat(fail()).isEqualTo(Duration.ofMinutes(15));
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.lockedFor("ip:1.2.3.4", 2).toCompletableFuture().join()).isEqualTo(Duration.ofMinutes(5));

    clock.advance(Duration.ofMinutes(5));

    assertThat(throttle.lockedFor("ip:1.2.3.4", 2).toCompletableFuture().join()).isZero();
  }
}
