package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.key.KeyPolicy;
import io.clauderelay.domain.key.RequestFacts;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The flow's validate and admit steps: the route parses the body, the key's policy is checked (and
 * the key activated on first use), then admission takes a concurrency lease and checks the limits
 * in one atomic step, reading the conversation's sticky account on the way.
 */
final class KeyAdmission {
  private final RelayFlow.Deps d;
  private final RelayRoute route;
  private final RelaySettings settings;
  private final Clock clock;
  private final boolean countTokens;

  KeyAdmission(RelayFlow.Deps deps, RelayRoute route) {
    this.d = deps;
    this.route = route;
    this.settings = deps.settings();
    this.clock = deps.clock();
    this.countTokens = route.tokenCount();
  }

  Future<Void> validate(RelayCall call, ApiKey key) {
    call.key = key;
    call.request = route.parse(call.in);
    Instant now = clock.instant();
    RequestFacts facts = new RequestFacts(route.provider(), call.request.model(), call.in.header("user-agent"),
        countTokens);
    Optional<Failure> refused = KeyPolicy.check(key, facts, now);
    if (refused.isPresent()) return Future.failedFuture(new FailureException(refused.get()));
    call.sessionId = call.request.sessionId(firstHeader(call.in, "session_id", "x-session-id")).orElse(null);
    Optional<ApiKey> activated = KeyPolicy.activateOnFirstUse(key, now);
    if (activated.isEmpty()) return Future.succeededFuture();
    call.key = activated.get();
    return Async.from(d.keys().save(activated.get())).onSuccess(v -> d.keyChanges().changed(key.id()));
  }

  Future<Void> admit(RelayCall call) {
    Instant now = clock.instant();
    KeyLimits l = call.key.limits();
    TimeBuckets b = settings.buckets();
    AdmissionRequest req = new AdmissionRequest(call.key.id(), call.requestId, l, now, settings.leaseTtl(),
        b.day(now), b.week(now, l.weeklyResetDay(), l.weeklyResetHour()), Provider.isClaudeModel(call.request.model()),
        CostReserve.estimate(d.prices(), call.key, call.request.model(), call.request.length()),
        b.nextDayStart(now), b.nextWeekReset(now, l.weeklyResetDay(), l.weeklyResetHour()))
        // The session's account is read in the same atomic step (sessions live in the key's slot).
        .withSession(call.sessionId, settings.stickyTtl());
    // Over the concurrency limit a queueing key waits in line for its turn (AdmissionLine).
    return d.line().admit(call, settings.queueDefaults().forKey(call.key.queue()),
        () -> Async.from(d.admission().admit(req))).compose(result -> {
          if (result instanceof AdmissionResult.Rejected rejected) {
            return Future.failedFuture(new FailureException(rejected.failure()));
          }
          call.leaseId = ((AdmissionResult.Admitted) result).leaseId();
          call.stickyAccountId = ((AdmissionResult.Admitted) result).stickyAccountId();
          return Future.succeededFuture();
        });
  }

  private static String firstHeader(Inbound in, String... names) {
    for (String n : names) {
      String v = in.header(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }
}
