package io.clauderelay.domain.usage;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.pricing.Cost;
import java.time.Instant;
import java.util.Objects;

/**
 * One served request as it is billed: who, which account, which model (as the upstream reported
 * it), tokens, real cost, rated cost (real × the key's multiplier) and timings.
 */
public record UsageRecord(
    String requestId,
    String keyId,
    String accountId,
    Provider provider,
    String model,
    TokenUsage tokens,
    Cost cost,
    long ratedCostMicros,
    int status,
    boolean stream,
    long latencyMs,
    long firstByteMs,
    Instant at) {

  public UsageRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(at, "at");
    accountId = accountId == null ? "" : accountId;
    model = model == null ? "unknown" : model;
  }
}
