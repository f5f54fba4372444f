package io.clauderelay.domain.port;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Counts failed admin logins per subject (a source address, a user name) across every node and
 * locks a subject out once it reaches the threshold within the window.
 */
public interface LoginThrottle {

  /**
   * Counts one failure of {@code subject}; the count lives for {@code window} from the first failure.
   * Completes with the lockout left ({@link Duration#ZERO} while below {@code maxFailures}); the
   * failure that reaches the threshold starts a lockout of {@code lockout}.
   */
  CompletionStage<Duration> recordFailure(String subject, int maxFailures, Duration window, Duration lockout);

  /** The lockout left for {@code subject}, {@link Duration#ZERO} when it may try. */
  CompletionStage<Duration> lockedFor(String subject, int maxFailures);

  /** Forgets the subject's failures (after a successful login). */
  CompletionStage<Void> clear(String subject);
}
