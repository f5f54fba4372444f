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
  CompletionStage<Void> release(String keyId, String leaseId);
}
