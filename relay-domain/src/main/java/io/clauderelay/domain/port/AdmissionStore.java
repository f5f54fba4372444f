package io.clauderelay.domain.port;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import java.util.concurrent.CompletionStage;

/**
 * Admission of requests under per-key limits: checks and reserves concurrency, the window and the
 * cost limits in one atomic step, so concurrent requests on any number of nodes never overshoot.
 */
public interface AdmissionStore {

  CompletionStage<AdmissionResult> admit(AdmissionRequest request);

  /** Frees a lease without recording usage (request refused or failed before any usage). Idempotent. */
  default CompletionStage<Void> release(String keyId, String leaseId) {
    return release(keyId, leaseId, null);
  }

  /**
   * Frees a lease and, with a {@code forgetSessionId}, drops that session's binding to an account
   * (the account failed), in the same step. Idempotent.
   */
  CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId);
}
