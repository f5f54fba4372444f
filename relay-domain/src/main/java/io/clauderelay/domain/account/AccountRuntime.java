package io.clauderelay.domain.account;

import java.time.Instant;

/**
 * What changes per request about an account, shared by every node: when it was last used (for
 * least-recently-used rotation), until when it cools down and why, its requests in flight, and
 * the cost it served today (for its daily quota).
 */
public record AccountRuntime(Instant lastUsedAt, Instant coolingUntil, String coolingReason, int inFlight, long todayCostMicros) {

  public static final AccountRuntime IDLE = new AccountRuntime(null, null, null, 0, 0);

  public boolean coolingDown(Instant now) {
    return coolingUntil != null && now.isBefore(coolingUntil);
  }
}
