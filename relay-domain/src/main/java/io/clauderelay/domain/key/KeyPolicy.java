package io.clauderelay.domain.key;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The static part of a key's policy: is it usable at all, and may it make this request. Counters
 * (concurrency, windows, cost) are decided by {@link io.clauderelay.domain.admission.AdmissionRule}.
 */
public final class KeyPolicy {
  private KeyPolicy() {}

  public static Optional<Failure> check(ApiKey key, RequestFacts request, Instant now) {
    if (key.deleted() || !key.active()) {
      return Optional.of(Failure.of(FailureKind.AUTH_KEY_DISABLED, "API key is disabled"));
    }
    if (key.expiry().isExpired(now)) {
      return Optional.of(Failure.of(FailureKind.AUTH_KEY_EXPIRED, "API key has expired")
          .withDetail("expiredAt", key.expiry().expiresAt().toString()));
    }
    if (!key.permits(request.provider())) {
      return Optional.of(Failure.of(FailureKind.POLICY_PERMISSION_DENIED,
          "This API key does not have permission to access " + request.provider().id()));
    }
    if (!request.tokenCount() && key.clientRestrictionEnabled() && !key.allowedClients().isEmpty()
        && key.allowedClients().stream().noneMatch(c -> c.matches(request.userAgent()))) {
      List<String> allowed = key.allowedClients().stream().map(ClientKind::id).sorted().collect(Collectors.toList());
      return Optional.of(Failure.of(FailureKind.POLICY_CLIENT_NOT_ALLOWED,
          "Your client is not authorized to use this API key")
          .withDetail("allowedClients", allowed));
    }
    if (request.model() != null && isModelBlocked(key, request.model())) {
      return Optional.of(Failure.of(FailureKind.POLICY_MODEL_BLOCKED,
          "Model " + request.model() + " is not allowed for this API key"));
    }
    return Optional.empty();
  }

  /** The restriction list is a blacklist (as in the original since #635); comparison ignores case. */
  public static boolean isModelBlocked(ApiKey key, String model) {
    if (!key.modelRestrictionEnabled() || model == null) return false;
    String m = model.toLowerCase(Locale.ROOT);
    return key.restrictedModels().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(m));
  }

  /** The key after its first use: activation-mode keys start their clock now. */
  public static Optional<ApiKey> activateOnFirstUse(ApiKey key, Instant now) {
    if (!key.expiry().awaitingActivation()) return Optional.empty();
    return Optional.of(key.toBuilder().expiry(key.expiry().activate(now)).updatedAt(now).build());
  }
}
