package io.clauderelay.server.lease;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.port.AdmissionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Admission that hands every lease it grants to the node's renewal, and takes it back on release. */
final class RenewedAdmission implements AdmissionStore {
  private final AdmissionStore inner;
  private final LiveLeases live;

  RenewedAdmission(AdmissionStore inner, LiveLeases live) {
    this.inner = inner;
    this.live = live;
  }

  @Override
  public CompletionStage<AdmissionResult> admit(AdmissionRequest request) {
    return inner.admit(request).thenApply(result -> {
      if (result instanceof AdmissionResult.Admitted admitted) live.add(request.keyId(), admitted.leaseId());
      return result;
    });
  }

  @Override
  public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    if (leaseId != null) live.remove(keyId, leaseId);
    return inner.release(keyId, leaseId, forgetSessionId);
  }

  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leaseIdsByKey, Instant now,
      Duration ttl) {
    return inner.renew(leaseIdsByKey, now, ttl);
  }
}
