package io.clauderelay.server.http;

import io.clauderelay.domain.failure.Failure;

/**
 * Carries an expected {@link Failure} through a Vert.x future chain to the one place that renders
 * it; no stack trace, since it is an answer, not a bug.
 */
public final class FailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Failure failure;

  public FailureException(Failure failure) {
    super(failure.message(), null, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
