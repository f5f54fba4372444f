package io.clauderelay.server.store;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rides out a store outage as short as a Sentinel failover (about 6-7 s with the seed's
 * down-after 5000): a failed admission is retried every {@code interval} until {@code patience}
 * has passed, so requests arriving during the switch are held and then served. Past that the
 * client gets a 503 with Retry-After. A refusal by a limit is an answer, never retried.
 */
public final class PatientAdmission implements AdmissionStore {
  private final AdmissionStore delegate;
  private final Vertx vertx;
  private final Duration patience;
  private final Duration interval;

  public PatientAdmission(AdmissionStore delegate, Vertx vertx, Duration patience, Duration interval) {
    this.delegate = delegate;
    this.vertx = vertx;
    this.patience = patience;
    this.interval = interval;
  }

  @Override
  public CompletionStage<AdmissionResult> admit(AdmissionRequest request) {
    CompletableFuture<AdmissionResult> result = new CompletableFuture<>();
    attempt(request, System.nanoTime() + patience.toNanos(), result);
    return result;
  }

  private void attempt(AdmissionRequest request, long deadline, CompletableFuture<AdmissionResult> result) {
    delegate.admit(request).whenComplete((answer, error) -> {
      if (error == null) {
        result.complete(answer);
      } else if (System.nanoTime() + interval.toNanos() > deadline) {
        result.completeExceptionally(new FailureException(Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE,
            "The relay's store is unavailable (failover in progress?); retry shortly").withRetryAfter(2)));
      } else {
        vertx.setTimer(interval.toMillis(), id -> attempt(request, deadline, result));
      }
    });
  }

  @Override
  public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    return delegate.release(keyId, leaseId, forgetSessionId);
  }

  /** Not patient: the next renewal, a third of a lease later, is the retry. */
  @Override
  public CompletionStage<Integer> renew(java.util.Map<String, ? extends java.util.Collection<String>> leaseIdsByKey,
      java.time.Instant now, Duration ttl) {
    return delegate.renew(leaseIdsByKey, now, ttl);
  }
}
