package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.LoginThrottle;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LoginThrottle} must do; a store's test extends this and supplies a fresh one. */
public abstract class AbstractLoginThrottleContract {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration LOCKOUT = Duration.ofMinutes(30);

  private LoginThrottle throttle;

  /** A throttle that remembers no failures. */
  protected abstract LoginThrottle newThrottle();

  @BeforeEach
  void fresh() {
    throttle = newThrottle();
  }

  private Duration fail(String subject) {
    return throttle.recordFailure(subject, 3, WINDOW, LOCKOUT).toCompletableFuture().join();
  }

  private Duration locked(String subject) {
    return throttle.lockedFor(subject, 3).toCompletableFuture().join();
  }

  @Test
  void anUnknownSubjectIsNotLocked() {
    assertThat(locked("ip:10.0.0.1")).isZero();
  }

  @Test
  void failuresBelowTheThresholdDoNotLock() {
    assertThat(fail("ip:10.0.0.1")).isZero();
    assertThat(fail("ip:10.0.0.1")).isZero();

    assertThat(locked("ip:10.0.0.1")).isZero();
  }

  @Test
  void theFailureThatReachesTheThresholdLocksForTheLockoutNotTheWindow() {
    fail("user:admin");
    fail("user:admin");

    Duration left = fail("user:admin");

    assertThat(left).isPositive().isLessThanOrEqualTo(LOCKOUT).isGreaterThan(WINDOW);
    assertThat(locked("user:admin")).isPositive().isLessThanOrEqualTo(LOCKOUT).isGreaterThan(WINDOW);
  }

  @Test
  void subjectsAreCountedApart() {
    fail("ip:10.0.0.1");
    fail("ip:10.0.0.1");
    fail("ip:10.0.0.1");

    assertThat(locked("ip:10.0.0.1")).isPositive();
    assertThat(locked("ip:10.0.0.2")).isZero();
    assertThat(locked("user:admin")).isZero();
  }

  @Test
  void clearingForgetsEarlierFailures() {
    fail("user:admin");
    fail("user:admin");

    throttle.clear("user:admin").toCompletableFuture().join();

    assertThat(fail("user:admin")).isZero();
    assertThat(fail("user:admin")).isZero();
    assertThat(locked("user:admin")).isZero();
  }

  @Test
  void subjectsWithBracesOrColonsAreKeptApart() {
    fail("user:{a}");
    fail("user:{a}");
    fail("user:{a}");

    assertThat(locked("user:{a}")).isPositive();
    assertThat(locked("user:a")).isZero();
  }
}
