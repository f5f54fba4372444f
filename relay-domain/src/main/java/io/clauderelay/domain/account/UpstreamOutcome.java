package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Optional;

/** What an upstream answer means for the request and the account ({@link UpstreamOutcomes} decides). */
public sealed interface UpstreamOutcome {

  /** 2xx: relay the answer. */
  record Served() implements UpstreamOutcome {}

  /** The request itself is at fault (400, 404, 413, a subscription's "extra usage" 429): the answer goes back, no retry. */
  record PassBack() implements UpstreamOutcome {}

  /** The account is cooled down (until the upstream's reset when it gave one) and the next account is tried. */
  record CoolDown(UpstreamFailureClass failure, Optional<Instant> reset) implements UpstreamOutcome {}

  /** A subscription's 429 for one model family: only that family cools down; the next account is tried. */
  record CoolDownFamily(String family, Optional<Instant> reset) implements UpstreamOutcome {}

  /** A subscription whose organisation is disabled or refused OAuth: out of the pool; the next account is tried. */
  record Blocked(String reason) implements UpstreamOutcome {}

  /** A subscription's first 401 for this request: refresh its token and resend on the same account. */
  record RefreshToken() implements UpstreamOutcome {}
}
