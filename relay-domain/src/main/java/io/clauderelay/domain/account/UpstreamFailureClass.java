package io.clauderelay.domain.account;

import io.clauderelay.domain.failure.FailureKind;
import java.util.Optional;

/** The kinds of upstream failure that cool an account down and move the request to another one. */
public enum UpstreamFailureClass {
  SERVICE_UNAVAILABLE("service_unavailable", FailureKind.PROVIDER_SERVER_ERROR), SERVER_ERROR("server_error",
      FailureKind.PROVIDER_SERVER_ERROR), OVERLOADED("overloaded", FailureKind.PROVIDER_OVERLOADED), AUTH("auth_error",
          FailureKind.PROVIDER_AUTH), RATE_LIMITED("rate_limited", FailureKind.PROVIDER_RATE_LIMITED), TIMEOUT(
              "timeout", FailureKind.PROVIDER_TIMEOUT), UNREACHABLE("unreachable", FailureKind.PROVIDER_UNREACHABLE);

  private final String id;
  private final FailureKind failureKind;

  UpstreamFailureClass(String id, FailureKind failureKind) {
    this.id = id;
    this.failureKind = failureKind;
  }

  /** Short name recorded as the cool-down reason. */
  public String id() {
    return id;
  }

  /** The failure reported to the client when no other account could take the request. */
  public FailureKind failureKind() {
    return failureKind;
  }

  /**
   * The failure a client is told about when an upstream answered {@code status} and no other account
   * took the request: the class's kind, or the caller's fault for a status that cools nothing down.
   */
  public static FailureKind failureKindOf(int status) {
    return ofStatus(status).map(UpstreamFailureClass::failureKind).orElse(FailureKind.CALLER_BAD_REQUEST);
  }

  /**
   * The class of an upstream HTTP status: 401/403, 429, 5xx (503, 504 and 529 apart). Any other
   * status (2xx, 3xx, other 4xx) is empty: the request itself is at fault, so the account is not
   * cooled down and the answer goes back to the client as it is. 504 counts as a timeout, as in
   * the original: the upstream's gateway gave up waiting.
   */
  public static Optional<UpstreamFailureClass> ofStatus(int status) {
    return Optional.ofNullable(switch (status) {
      case 401, 403 -> AUTH;
      case 429 -> RATE_LIMITED;
      case 503 -> SERVICE_UNAVAILABLE;
      case 504 -> TIMEOUT;
      case 529 -> OVERLOADED;
      default -> status >= 500 && status <= 599 ? SERVER_ERROR : null;
    });
  }
}
