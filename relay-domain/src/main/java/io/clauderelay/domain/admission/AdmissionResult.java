package io.clauderelay.domain.admission;

import io.clauderelay.domain.failure.Failure;

/** The outcome of an admission: a held lease, or the limit that refused it. */
public sealed interface AdmissionResult permits AdmissionResult.Admitted, AdmissionResult.Rejected {

  /** Admitted: the lease must be released (or settled) exactly once. */
  record Admitted(String leaseId) implements AdmissionResult {}

  /** Refused by a limit; nothing was reserved. */
  record Rejected(Failure failure) implements AdmissionResult {}
}
