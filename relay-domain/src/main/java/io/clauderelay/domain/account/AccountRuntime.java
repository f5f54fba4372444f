package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What changes per request about an account, shared by every node: when it was last used (for
 * least-recently-used rotation), until when it cools down and why, its requests in flight, and
 * the cost it served today (for its daily quota). For subscription accounts also what the upstream
 * told about it: per model family cool-downs, the 5-hour window status, and the plan.
 */
public record AccountRuntime(
    Instant lastUsedAt,
    Instant coolingUntil,
    String coolingReason,
    int inFlight,
    long todayCostMicros,
    Map<String, Instant> familyCoolingUntil,
    String windowStatus,
    ClaudePlan plan) {

  public static final AccountRuntime IDLE = new AccountRuntime(null, null, null, 0, 0);

  public AccountRuntime {
    familyCoolingUntil = familyCoolingUntil == null ? Map.of() : Map.copyOf(familyCoolingUntil);
    plan = plan == null ? ClaudePlan.UNKNOWN : plan;
  }

  /** The runtime of an account the upstream told nothing special about. */
  public AccountRuntime(Instant lastUsedAt, Instant coolingUntil, String coolingReason, int inFlight,
      long todayCostMicros) {
    this(lastUsedAt, coolingUntil, coolingReason, inFlight, todayCostMicros, Map.of(), null, ClaudePlan.UNKNOWN);
  }

  public boolean coolingDown(Instant now) {
    return coolingUntil != null && now.isBefore(coolingUntil);
  }

  /** Until when {@code model}'s family is rate-limited on this account, if it still is at {@code now}. */
  public Optional<Instant> familyCoolingUntil(String model, Instant now) {
    return ModelFamily.of(model).map(familyCoolingUntil::get).filter(now::isBefore);
  }

  /** Whether the account cannot take {@code model} before some instant: whole-account or family cool-down. */
  public boolean coolingDownFor(String model, Instant now) {
    return coolingDown(now) || familyCoolingUntil(model, now).isPresent();
  }

  /** The later of the account's and {@code model}'s family cool-down, or null when neither applies. */
  public Instant availableAt(String model, Instant now) {
    Instant account = coolingDown(now) ? coolingUntil : null;
    Instant family = familyCoolingUntil(model, now).orElse(null);
    if (account == null) return family;
    if (family == null) return account;
    return family.isAfter(account) ? family : account;
  }

  /** The same runtime with other upstream facts (family cool-downs, window status, plan). */
  public AccountRuntime withUpstreamFacts(Map<String, Instant> families, String window, ClaudePlan p) {
    return new AccountRuntime(lastUsedAt, coolingUntil, coolingReason, inFlight, todayCostMicros, families, window, p);
  }
}
