package io.clauderelay.domain.account;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the upstream account for a request (SPEC §6), as a pure function of the configured
 * accounts and their runtime state.
 *
 * <p>Order: the key's dedicated binding (a bound account id is the only candidate, with no
 * fallback to the pool; a {@code group:<id>} binding restricts the choice to the accounts whose
 * {@code groups} contain that id) → the sticky account, if it is in that scope and still eligible →
 * the scope's eligible accounts by priority (lower first), then least recently used (never used
 * first), then creation time, then id. Without a binding the scope is the shared pool (accounts
 * with {@code dedicated == false}).
 *
 * <p>Failover: when the chosen account fails before any byte reached the client in a way
 * {@link UpstreamOutcomes} says cools it down (or cannot be reached), the caller cools it down, then
 * calls {@link #choose} again with the {@link Failover}'s excluded accounts — at most
 * {@link #MAX_FAILOVER_RETRIES} times. There is no separate failover list: each retry is a fresh
 * choice, so it also sees cool-downs other nodes set meanwhile.
 */
public final class Scheduler {
  /** Retries on other accounts after the first attempt failed. */
  public static final int MAX_FAILOVER_RETRIES = 2;
  /** Prefix of a binding that names an account group rather than one account. */
  public static final String GROUP_PREFIX = "group:";

  private Scheduler() {}

  public static ScheduleResult choose(ScheduleRequest req, List<Account> accounts,
      Map<String, AccountRuntime> runtime) {
    Map<String, AccountRuntime> rt = runtime == null ? Map.of() : runtime;
    String binding = req.binding();
    if (binding == null) {
      List<Account> pool = accounts.stream()
          .filter(a -> !a.dedicated() && a.type().provider() == req.provider()).toList();
      if (pool.isEmpty()) {
        return noAccount("no shared " + req.provider().id() + " account is configured", "no_account_configured", null,
            req.now());
      }
      return chooseWithin(pool, req, rt).orElseGet(() -> diagnose(pool, req, rt, ""));
    }
    if (binding.startsWith(GROUP_PREFIX)) {
      String group = binding.substring(GROUP_PREFIX.length());
      List<Account> members = accounts.stream()
          .filter(a -> a.groups().contains(group) && a.type().provider() == req.provider()).toList();
      String prefix = "group " + group + " has no available account: ";
      if (members.isEmpty()) {
        return noAccount(prefix + "it has no " + req.provider().id() + " member", "group_unavailable", null, req.now());
      }
      return chooseWithin(members, req, rt).orElseGet(() -> diagnose(members, req, rt, prefix));
    }
    return dedicated(binding, req, accounts, rt);
  }

  private static ScheduleResult dedicated(String id, ScheduleRequest req, List<Account> accounts,
      Map<String, AccountRuntime> rt) {
    Optional<Account> bound = accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    if (bound.isEmpty()) return dedicatedUnavailable(id, "it does not exist", null, req.now());
    Account a = bound.get();
    AccountRuntime r = rt.getOrDefault(id, AccountRuntime.IDLE);
    Optional<Ineligibility> why = Eligibility.check(a, r, req);
    if (why.isEmpty()) return chosen(a, req, false);
    Instant until = why.get() == Ineligibility.COOLING_DOWN ? r.availableAt(req.model(), req.now()) : null;
    return dedicatedUnavailable(id, describe(why.get(), a, r, req), until, req.now());
  }

  /** The sticky account if it is in scope and eligible, else the best eligible one in scope. */
  private static Optional<ScheduleResult> chooseWithin(List<Account> scope, ScheduleRequest req,
      Map<String, AccountRuntime> rt) {
    if (req.stickyAccountId() != null) {
      for (Account a : scope) {
        if (a.id().equals(req.stickyAccountId()) && eligible(a, req, rt)) return Optional.of(chosen(a, req, true));
      }
    }
    Comparator<Account> order = Comparator.comparingInt(Account::priority)
        .thenComparing(a -> rt.getOrDefault(a.id(), AccountRuntime.IDLE).lastUsedAt(), nullsFirst())
        .thenComparing(Account::createdAt, nullsFirst())
        .thenComparing(Account::id);
    return scope.stream().filter(a -> eligible(a, req, rt)).min(order).map(a -> chosen(a, req, false));
  }

  private static boolean eligible(Account a, ScheduleRequest req, Map<String, AccountRuntime> rt) {
    return Eligibility.check(a, rt.get(a.id()), req).isEmpty();
  }

  private static ScheduleResult chosen(Account a, ScheduleRequest req, boolean sticky) {
    return new ScheduleResult.Chosen(a, a.models().resolve(req.model()).orElseThrow(), sticky);
  }

  /** Explains why no account of {@code scope} (all of the request's provider) can serve it. */
  private static ScheduleResult diagnose(List<Account> scope, ScheduleRequest req, Map<String, AccountRuntime> rt,
      String prefix) {
    String model = req.model();
    int serving = 0, cooling = 0, excluded = 0, quota = 0, capacity = 0, disabled = 0, expired = 0;
    Instant earliest = null;
    for (Account a : scope) {
      AccountRuntime r = rt.getOrDefault(a.id(), AccountRuntime.IDLE);
      Ineligibility why = Eligibility.check(a, r, req).orElseThrow();
      if (why == Ineligibility.MODEL_UNSUPPORTED) continue;
      serving++;
      switch (why) {
        case COOLING_DOWN -> {
          cooling++;
          Instant until = r.availableAt(model, req.now());
          if (earliest == null || until.isBefore(earliest)) earliest = until;
        }
        case EXCLUDED -> excluded++;
        case QUOTA_REACHED -> quota++;
        case AT_CAPACITY -> capacity++;
        case EXPIRED -> expired++;
        default -> disabled++;
      }
    }
    if (serving == 0) {
      return noAccount(prefix + "no " + req.provider().id() + " account serves model " + model, "model_unsupported",
          null, req.now());
    }
    boolean one = serving == 1;
    String all = one ? "the only account serving " + model : "all " + serving + " accounts serving " + model;
    String are = one ? " is" : " are";
    if (cooling == serving) {
      return noAccount(prefix + all + are + " cooling down until " + earliest, "all_cooling_down", earliest, req.now());
    }
    if (capacity == serving) return noAccount(prefix + all + are + " at capacity", "all_at_capacity", null, req.now());
    if (quota == serving) {
      return noAccount(prefix + all + (one ? " has reached its" : " have reached their") + " daily quota",
          "all_quota_reached", null, req.now());
    }
    if (excluded == serving)
      return noAccount(prefix + all + " already failed on this request", "all_failed", null, req.now());
    if (expired == serving) {
      return noAccount(prefix + all + (one ? " has" : " have") + " expired (subscriptionExpiresAt)", "all_expired",
          null, req.now());
    }
    if (disabled == serving) {
      return noAccount(prefix + all + are + " disabled, unschedulable or in error", "all_disabled", null, req.now());
    }
    List<String> parts = new ArrayList<>();
    if (cooling > 0) parts.add(cooling + " cooling down (the first until " + earliest + ")");
    if (capacity > 0) parts.add(capacity + " at capacity");
    if (quota > 0) parts.add(quota + " over the daily quota");
    if (excluded > 0) parts.add(excluded + " already failed on this request");
    if (disabled > 0) parts.add(disabled + " disabled, unschedulable or in error");
    if (expired > 0) parts.add(expired + " expired");
    return noAccount(prefix + "no account serving " + model + " is available (" + String.join(", ", parts) + ")",
        "none_available", null, req.now());
  }

  private static String describe(Ineligibility why, Account a, AccountRuntime r, ScheduleRequest req) {
    return switch (why) {
      case WRONG_PROVIDER -> "it is a " + a.type().id() + " account, which does not serve " + req.provider().id();
      case INACTIVE -> "it is disabled";
      case EXPIRED -> "its subscription expired at " + a.protections().subscriptionExpiresAt();
      case UNSCHEDULABLE -> "it is not schedulable";
      case BAD_STATUS ->
        "its status is " + a.status().id() + (a.errorMessage().isEmpty() ? "" : ": " + a.errorMessage());
      case MODEL_UNSUPPORTED -> "it does not serve model " + req.model()
          + (a.type() == AccountType.CLAUDE_OAUTH && !r.plan().serves(req.model())
              ? " on its " + r.plan().id() + " plan"
              : "");
      case COOLING_DOWN -> r.coolingDown(req.now())
          ? "it is cooling down until " + r.coolingUntil()
              + (r.coolingReason() == null || r.coolingReason().isEmpty() ? "" : " after " + r.coolingReason())
          : "its " + ModelFamily.of(req.model()).orElse("") + " models are rate-limited until "
              + r.availableAt(req.model(), req.now());
      case EXCLUDED -> "it already failed on this request";
      case QUOTA_REACHED -> "it reached its daily quota";
      case AT_CAPACITY -> "it is at capacity, " + r.inFlight() + " of " + a.maxConcurrency() + " requests in flight";
    };
  }

  private static ScheduleResult dedicatedUnavailable(String id, String reason, Instant until, Instant now) {
    return noAccount("the key's dedicated account " + id + " is unavailable (" + reason + ")",
        "dedicated_unavailable", until, now);
  }

  /** The failure; when the accounts come back at a known instant it carries it and a Retry-After. */
  private static ScheduleResult noAccount(String message, String reason, Instant availableAt, Instant now) {
    Failure f = Failure.of(FailureKind.PROVIDER_NO_ACCOUNT, message).withDetail("reason", reason);
    if (availableAt != null) {
      long seconds = Duration.between(now, availableAt).toMillis();
      f = f.withDetail("availableAt", availableAt.toString()).withRetryAfter((seconds + 999) / 1000);
    }
    return new ScheduleResult.NoAccount(f);
  }

  private static <T extends Comparable<? super T>> Comparator<T> nullsFirst() {
    return Comparator.nullsFirst(Comparator.naturalOrder());
  }
}
