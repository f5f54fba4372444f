package io.clauderelay.server.metrics;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.server.observe.RelayObserver;
import java.util.concurrent.CompletionStage;

/**
 * Times the store round trips every request makes (admission, lease release) and reports them to
 * the observer; everything else passes through unchanged.
 */
public final class TimedAdmissionStore implements AdmissionStore {
  private final AdmissionStore inner;
  private final RelayObserver observer;

  public TimedAdmissionStore(AdmissionStore inner, RelayObserver observer) {
    this.inner = inner;
    this.observer = observer;
  }

  @Override
  public CompletionStage<AdmissionResult> admit(AdmissionRequest request) {
    long started = System.nanoTime();
    return inner.admit(request)
        .whenComplete((r, err) -> observer.storeCall("admit", System.nanoTime() - started, err == null));
  }

  @Override
  public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    long started = System.nanoTime();
    return inner.release(keyId, leaseId, forgetSessionId)
        .whenComplete((r, err) -> observer.storeCall("release", System.nanoTime() - started, err == null));
  }

  @Override
  public CompletionStage<Integer> renew(java.util.Map<String, ? extends java.util.Collection<String>> leaseIdsByKey,
      java.time.Instant now, java.time.Duration ttl) {
    long started = System.nanoTime();
    return inner.renew(leaseIdsByKey, now, ttl)
        .whenComplete((r, err) -> observer.storeCall("renew", System.nanoTime() - started, err == null));
  }
}
