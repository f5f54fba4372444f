package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Optional;

/**
 * The upstream-outcome rules (SPEC §6, reference §3.5) as pure functions: status, headers and
 * error message in, what happens to the request and the account out. The relay flow only carries
 * the decision out.
 */
public final class UpstreamOutcomes {
  private UpstreamOutcomes() {}

  public static UpstreamOutcome of(UpstreamAnswer a, Instant now) {
    int status = a.status();
    // The account's HTTP proxy refused the relay (its credentials): the account is unreachable, the request is fine.
    if (status == 407 && a.proxied())
      return new UpstreamOutcome.CoolDown(UpstreamFailureClass.UNREACHABLE, Optional.empty());
    if (status >= 200 && status < 300) return new UpstreamOutcome.Served();
    if (a.subscription()) {
      if (status == 401 && !a.tokenRefreshed()) return new UpstreamOutcome.RefreshToken();
      if (SubscriptionSignals.blocked(status, a.errorMessage())) return new UpstreamOutcome.Blocked(a.errorMessage());
      if (SubscriptionSignals.extraUsage(status, a.errorMessage())) return new UpstreamOutcome.PassBack();
      Optional<String> family = ModelFamily.of(a.upstreamModel());
      if (status == 429 && family.isPresent()) {
        return new UpstreamOutcome.CoolDownFamily(family.get(), SubscriptionSignals.reset(a.headers(), now));
      }
    }
    Optional<UpstreamFailureClass> aws = AwsErrorTypes.of(a.headers());
    if (aws.isPresent()) return new UpstreamOutcome.CoolDown(aws.get(), RateLimitReset.parse(a.headers(), now));
    return UpstreamFailureClass.ofStatus(status)
        .<UpstreamOutcome>map(cls -> new UpstreamOutcome.CoolDown(cls, RateLimitReset.parse(a.headers(), now)))
        .orElseGet(UpstreamOutcome.PassBack::new);
  }

  /** No answer at all: a timeout, or the upstream (or the account's proxy) could not be reached. */
  public static UpstreamOutcome.CoolDown noAnswer(boolean timeout) {
    return new UpstreamOutcome.CoolDown(timeout ? UpstreamFailureClass.TIMEOUT : UpstreamFailureClass.UNREACHABLE,
        Optional.empty());
  }
}
