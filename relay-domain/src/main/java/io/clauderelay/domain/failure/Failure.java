package io.clauderelay.domain.failure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An expected refusal or upstream problem: what kind, a message a person can act on, extra
 * fields that go beside the error object (limits, reset times), and an optional Retry-After.
 */
public record Failure(FailureKind kind, String message, Map<String, Object> details, Long retryAfterSeconds) {

  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static Failure of(FailureKind kind, String message) {
    return new Failure(kind, message, Map.of(), null);
  }

  public Failure withDetail(String name, Object value) {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put(name, value);
    return new Failure(kind, message, d, retryAfterSeconds);
  }

  public Failure withRetryAfter(long seconds) {
    return new Failure(kind, message, details, Math.max(1, seconds));
  }
}
