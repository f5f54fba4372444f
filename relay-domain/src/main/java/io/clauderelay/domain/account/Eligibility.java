package io.clauderelay.domain.account;

import java.util.Optional;

/** The eligibility rule of SPEC §6: whether one account may serve one request right now. */
public final class Eligibility {
  private Eligibility() {}

  /** Empty when {@code account} may serve {@code req}; otherwise the first reason it may not. */
  public static Optional<Ineligibility> check(Account account, AccountRuntime rt, ScheduleRequest req) {
    AccountRuntime r = rt == null ? AccountRuntime.IDLE : rt;
    if (account.type().provider() != req.provider()) return Optional.of(Ineligibility.WRONG_PROVIDER);
    if (!account.active()) return Optional.of(Ineligibility.INACTIVE);
    if (account.protections().expired(req.now())) return Optional.of(Ineligibility.EXPIRED);
    if (!account.schedulable()) return Optional.of(Ineligibility.UNSCHEDULABLE);
    if (account.status() != AccountStatus.ACTIVE) return Optional.of(Ineligibility.BAD_STATUS);
    if (account.models().resolve(req.model()).isEmpty()) return Optional.of(Ineligibility.MODEL_UNSUPPORTED);
    // A subscription's plan decides which models it may serve at all, like the operator's list does.
    if (account.type() == AccountType.CLAUDE_OAUTH && !r.plan().serves(req.model())) {
      return Optional.of(Ineligibility.MODEL_UNSUPPORTED);
    }
    // A family cool-down (a 429 for Opus) counts as cooling for that family's models only.
    // Cooling is checked before exclusion: an account that failed on this request is usually also
    // cooling down, and "until T" tells the user more than "it failed".
    if (r.coolingDownFor(req.model(), req.now())) return Optional.of(Ineligibility.COOLING_DOWN);
    if (req.excluded().contains(account.id())) return Optional.of(Ineligibility.EXCLUDED);
    if (account.dailyQuotaMicros() > 0 && r.todayCostMicros() >= account.dailyQuotaMicros()) {
      return Optional.of(Ineligibility.QUOTA_REACHED);
    }
    if (account.maxConcurrency() > 0 && r.inFlight() >= account.maxConcurrency()) {
      return Optional.of(Ineligibility.AT_CAPACITY);
    }
    return Optional.empty();
  }
}
