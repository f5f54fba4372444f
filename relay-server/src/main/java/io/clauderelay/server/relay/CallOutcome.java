package io.clauderelay.server.relay;

import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.usage.TokenUsage;
import java.time.Duration;

/** What a finished relayed call hands to settlement: its usage, timings and the session's new binding. */
final class CallOutcome {
  private CallOutcome() {}

  static UsageRecorder.Outcome of(RelayCall call, RelayRoute route, TokenUsage usage, String upstreamModel,
      int status, Duration stickyTtl) {
    String model = upstreamModel != null ? upstreamModel : call.request == null ? null : call.request.model();
    return new UsageRecorder.Outcome(call.key, call.leaseId, call.requestId,
        call.account == null ? null : call.account.id(), route.provider(), model, usage, status,
        call.request != null && call.request.stream(), call.elapsedMs(), call.firstByteMs(),
        call.request != null && route.longContext(call.in, call.request), stickyChange(call, stickyTtl));
  }

  /** Binds the session to the account that served it, or forgets the one that failed; null leaves it. */
  private static StickyBinding stickyChange(RelayCall call, Duration stickyTtl) {
    if (call.sessionId == null) return null;
    if (call.account != null && !call.account.id().equals(call.stickyAccountId)) {
      return StickyBinding.bind(call.sessionId, call.account.id(), stickyTtl);
    }
    return call.failover != null && call.failover.stickyFailed() ? StickyBinding.forget(call.sessionId) : null;
  }
}
