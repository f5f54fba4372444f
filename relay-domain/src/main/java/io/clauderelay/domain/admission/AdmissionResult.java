package io.clauderelay.domain.admission;

import io.clauderelay.domain.failure.Failure;

/** The outcome of an admission: a held lease, or the limit that refused it. */
public sealed interface AdmissionResult permits AdmissionResult.Admitted, AdmissionResult.Rejected {

  /**
   * Admitted: the lease must be released (or settled) exactly once. {@code stickyAccountId} is the
   * account the request's session is bound to (renewed), null without a session or binding.
   */
  record Admitted(String leaseId, String stickyAccountId) implements AdmissionResult {
    public Admitted(String leaseId) {
      this(leaseId, null);
    }
  }

  /** Refused by a limit; nothing was reserved. */
  record Rejected(Failure failure) implements AdmissionResult {}
}
