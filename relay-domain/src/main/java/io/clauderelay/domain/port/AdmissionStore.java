package io.clauderelay.domain.port;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
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

  /**
   * Extends every lease in {@code leaseIdsByKey} (key id to lease ids) that is still held at
   * {@code now} to {@code now + ttl}: the node renews the slots of its live requests, however long
   * they run, so a crashed node's slots expire on their own. A lease already released, settled or
   * expired stays gone (renewing never takes a slot back that another request may hold now).
   * Answers how many were renewed.
   */
  CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leaseIdsByKey, Instant now, Duration ttl);
}
