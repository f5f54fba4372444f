package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.Failover;
import io.clauderelay.domain.account.ScheduleRequest;
import io.clauderelay.domain.account.ScheduleResult;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.account.UpstreamError;
import io.clauderelay.domain.account.UpstreamOutcome;
import io.clauderelay.domain.account.UpstreamOutcomes;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.key.KeyPolicy;
import io.clauderelay.domain.key.RequestFacts;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.server.RelayServices;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.clauderelay.server.http.RequestIds;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.observe.RequestEnded;
import io.clauderelay.domain.failure.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay use case every vendor route shares, top to bottom: authenticate, validate, admit,
 * choose an account, call it, relay the answer, settle usage exactly once. Choosing and calling
 * loop through the {@link Failover} state machine; what an upstream answer means is the domain's
 * {@link UpstreamOutcomes}; how the chosen account is reached is {@link UpstreamTargets}'. The
 * {@link RelayRoute} supplies what differs between APIs; {@link UpstreamCall} carries out outcomes.
 */
public final class RelayFlow implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);
  /** Like admission's patience: a Sentinel failover takes about 6-7 s. */
  private static final Duration STORE_PATIENCE = Duration.ofSeconds(10);
  private static final Duration STORE_RETRY_INTERVAL = Duration.ofMillis(250);

  final RelayServices s;
  final RelaySettings settings;
  private final ClientKeyAuthenticator auth;
  private final KeyChanges keyChanges;
  final RelayRoute route;
  private final UsageRecorder recorder;
  private final InFlight inFlight;
  private final boolean countTokens;
  /** Claude subscription accounts (token refresh, family limits); null where the route has none. */
  final ClaudeOAuthAccounts oauth;
  final UpstreamTargets targets;
  private final UpstreamCall upstream;
  /** Metrics and alerts: told when a request ends, a stream opens, an account fails over or is blocked. */
  final RelayObserver observer;

  /** The shared collaborators of every flow, built once by the composition root. */
  public record Deps(RelayServices services, RelaySettings settings, ClientKeyAuthenticator auth, KeyChanges keyChanges,
      UsageRecorder recorder, InFlight inFlight, ClaudeOAuthAccounts oauth, AccountProxies proxies,
      RelayObserver observer) {
    public Deps(RelayServices services, RelaySettings settings, ClientKeyAuthenticator auth, KeyChanges keyChanges,
        UsageRecorder recorder, InFlight inFlight, ClaudeOAuthAccounts oauth, AccountProxies proxies) {
      this(services, settings, auth, keyChanges, recorder, inFlight, oauth, proxies, RelayObserver.NONE);
    }
  }

  public RelayFlow(Deps deps, RelayRoute route) {
    this.s = deps.services();
    this.settings = deps.settings();
    this.auth = deps.auth();
    this.keyChanges = deps.keyChanges();
    this.recorder = deps.recorder();
    this.inFlight = deps.inFlight();
    this.oauth = deps.oauth();
    this.targets = new UpstreamTargets(s.cipher(), oauth, deps.proxies());
    this.route = route;
    this.countTokens = route.tokenCount();
    this.observer = deps.observer();
    this.upstream = new UpstreamCall(this);
  }

  @Override
  public void handle(RoutingContext rc) {
    RelayCall call = new RelayCall(rc, RequestIds.of(rc));
    Context context = Vertx.currentContext();
    if (!inFlight.tryEnter(call, () -> context.runOnContext(v -> onClientGone(call)))) {
      LoadShedding.refuse(rc, route.family(), inFlight);
      return;
    }
    rc.response().endHandler(v -> inFlight.leave(call));
    rc.response().closeHandler(v -> onClientGone(call));
    auth.authenticate(rc.request())
        .compose(key -> validate(call, key))
        .compose(v -> countTokens ? Future.succeededFuture() : admit(call))
        .onSuccess(v -> {
          call.failover = new Failover(settings.maxFailoverRetries(), call.stickyAccountId);
          attempt(call);
        })
        .onFailure(err -> {
          if (call.leaseId != null) s.admission().release(call.key.id(), call.leaseId);
          int status = FlowErrors.fail(rc.response(), route.family(), call.requestId, err);
          call.failure = err instanceof FailureException fe ? fe.failure().kind() : FailureKind.RELAY_STORE_UNAVAILABLE;
          observe(call, status);
        });
  }

  private Future<Void> validate(RelayCall call, ApiKey key) {
    call.key = key;
    call.request = route.parse(call.rc);
    Instant now = s.clock().instant();
    RequestFacts facts = new RequestFacts(route.provider(), call.request.model(),
        call.rc.request().getHeader("user-agent"),
        countTokens);
    Optional<Failure> refused = KeyPolicy.check(key, facts, now);
    if (refused.isPresent()) return Future.failedFuture(new FailureException(refused.get()));
    call.sessionId = call.request.sessionId(firstHeader(call, "session_id", "x-session-id")).orElse(null);
    Optional<ApiKey> activated = KeyPolicy.activateOnFirstUse(key, now);
    if (activated.isEmpty()) return Future.succeededFuture();
    call.key = activated.get();
    return Async.from(s.keys().save(activated.get())).onSuccess(v -> keyChanges.changed(key.id()));
  }

  private Future<Void> admit(RelayCall call) {
    Instant now = s.clock().instant();
    KeyLimits l = call.key.limits();
    TimeBuckets b = settings.buckets();
    AdmissionRequest req = new AdmissionRequest(call.key.id(), call.requestId, l, now, settings.leaseTtl(),
        b.day(now), b.week(now, l.weeklyResetDay(), l.weeklyResetHour()), Provider.isClaudeModel(call.request.model()),
        CostReserve.estimate(s.prices(), call.key, call.request.model(), call.request.length()),
        b.nextDayStart(now), b.nextWeekReset(now, l.weeklyResetDay(), l.weeklyResetHour()))
        // The session's account is read in the same atomic step (sessions live in the key's slot).
        .withSession(call.sessionId, settings.stickyTtl());
    return Async.from(s.admission().admit(req)).compose(result -> {
      if (result instanceof AdmissionResult.Rejected rejected) {
        return Future.failedFuture(new FailureException(rejected.failure()));
      }
      call.leaseId = ((AdmissionResult.Admitted) result).leaseId();
      call.stickyAccountId = ((AdmissionResult.Admitted) result).stickyAccountId();
      return Future.succeededFuture();
    });
  }

  /** Chooses an account (skipping the ones that failed this request) and calls it. */
  void attempt(RelayCall call) {
    if (call.clientGone) {
      finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    Instant now = s.clock().instant();
    Async.from(s.accounts().list())
        .compose(accounts -> Async.from(s.accountState().runtime(accounts.stream().map(Account::id).toList(), now))
            .map(runtime -> Scheduler.choose(new ScheduleRequest(route.provider(), call.request.model(),
                call.key.bindings().get(route.provider()), call.stickyAccountId, call.failover.excluded(), now),
                accounts, runtime)))
        .onSuccess(result -> {
          if (result instanceof ScheduleResult.Chosen chosen) {
            reserveAndSend(call, chosen);
            return;
          }
          call.failover.exhausted();
          if (call.failover.lastError() != null) answerUpstreamError(call);
          else answerFailure(call, ((ScheduleResult.NoAccount) result).failure());
        })
        .onFailure(err -> retryOrFail(call, err));
  }

  /**
   * A store error while choosing or reserving an account (e.g. the connection the command was on
   * died with the Redis master): nothing went upstream yet, so the choice is retried, like admission,
   * for up to {@link #STORE_PATIENCE}; past that the client gets 503 with Retry-After (Nginx tries the
   * other node). Only errors that are not already an answer (a {@link FailureException}) are retried.
   */
  private void retryOrFail(RelayCall call, Throwable err) {
    if (err instanceof FailureException fe) {
      answerFailure(call, fe.failure());
      return;
    }
    long now = System.nanoTime();
    if (call.storeRetryUntil == 0) call.storeRetryUntil = now + STORE_PATIENCE.toNanos();
    if (now + STORE_RETRY_INTERVAL.toNanos() > call.storeRetryUntil) {
      LOG.warn("request {}: store unavailable while choosing an account: {}", call.requestId, String.valueOf(err));
      answerFailure(call,
          FlowErrors.storeUnavailable("The relay's store is unavailable (failover in progress?); retry shortly"));
      return;
    }
    call.rc.vertx().setTimer(STORE_RETRY_INTERVAL.toMillis(), id -> attempt(call));
  }

  private void reserveAndSend(RelayCall call, ScheduleResult.Chosen chosen) {
    Account account = chosen.account();
    Async.from(s.accountState().acquire(account.id(), call.requestId, account.maxConcurrency(), settings.leaseTtl(),
        s.clock().instant()))
        .onSuccess(acquired -> {
          if (!acquired) {
            // Full since the runtime snapshot was read: treat like any other ineligible account.
            call.failover.unavailable(account.id());
            attempt(call);
            return;
          }
          call.failover.calling(account.id());
          call.account = account;
          call.chosen = chosen;
          call.oauthToken = null;
          call.oauthRefreshed = false;
          send(call, targets.resolve(account));
        })
        // Acquiring is idempotent by request id: a retry after a lost reply holds the same slot.
        .onFailure(err -> retryOrFail(call, err));
  }

  /** Sends to the resolved target; an unusable account is cooled down, a tokenless one skipped. */
  void send(RelayCall call, Future<UpstreamTargets.Resolved> resolving) {
    resolving.onSuccess(resolved -> {
      if (resolved instanceof UpstreamTargets.NoToken noToken) {
        // The refresher has marked the account error (out of the pool); nothing to cool down.
        LOG.warn("request {}: account {} has no usable token: {}", call.requestId, call.account.id(), noToken.reason());
        upstream.skip(call);
        return;
      }
      if (resolved instanceof UpstreamTargets.Unusable unusable) {
        upstream.coolDown(call, new UpstreamOutcome.CoolDown(unusable.failure(), Optional.empty()),
            new UpstreamError(unusable.status(), "api_error", unusable.message()));
        return;
      }
      UpstreamTargets.Ready ready = (UpstreamTargets.Ready) resolved;
      if (call.clientGone) {
        finish(call, TokenUsage.ZERO, null, 499);
        return;
      }
      call.account = ready.account();
      if (ready.target().kind() == UpstreamTarget.CredentialKind.OAUTH_BEARER)
        call.oauthToken = ready.target().credential();
      route.send(new RelayRoute.Upstream(call.rc, call.request, ready.target(), call.chosen.upstreamModel(),
          req -> call.upstreamRequest = req))
          .onSuccess(ex -> upstream.onResponse(call, ex))
          .onFailure(err -> upstream.onNoAnswer(call, err));
    });
  }

  /** Relays a 2xx answer through the route's tap. */
  void relay(RelayCall call, UpstreamExchange ex) {
    call.failover.served();
    ResponsePump pump = new ResponsePump(call, this, route.family());
    RelayRoute.Answer answer = route.answer(call.rc, call.request);
    if (answer instanceof RelayRoute.Stream st) pump.relayStream(ex, st.tap());
    else if (answer instanceof RelayRoute.Json js) pump.relayJson(ex, js.tap());
    else pump.relayPlain(ex);
  }

  /** Answers with the last upstream error in the route's shape, never the account's details. */
  void answerUpstreamError(RelayCall call) {
    finish(call, TokenUsage.ZERO, null, FlowErrors.upstream(call.rc.response(), route.family(), call.failover));
  }

  private void answerFailure(RelayCall call, Failure failure) {
    call.failure = failure.kind();
    FailureResponses.send(call.rc.response(), route.family(), failure);
    finish(call, TokenUsage.ZERO, null, FailureResponses.mapping(failure.kind()).status());
  }

  /** Streams the pump starts are counted until {@link #finish} ends them. */
  void streamOpened(RelayCall call) {
    call.streaming = true;
    observer.streamOpened();
  }

  private void observe(RelayCall call, int status) {
    String model = call.request == null ? null : call.request.model();
    observer.requestEnded(new RequestEnded(route.family(), route.provider(), model, status, call.failure,
        call.key == null ? null : call.key.id(), call.account == null ? null : call.account.id(),
        call.request != null && call.request.stream(), call.elapsedMs(), call.firstByteMs()));
  }

  void onClientGone(RelayCall call) {
    if (call.finished) return;
    call.clientGone = true;
    call.cancelUpstream();
  }

  /**
   * Ends the request exactly once: frees the account slot and settles usage (or releases the
   * lease when nothing was used).
   */
  void finish(RelayCall call, TokenUsage usage, String upstreamModel, int status) {
    if (call.finished) return;
    call.finished = true;
    inFlight.leave(call);
    if (call.streaming) observer.streamClosed();
    observe(call, status);
    Instant now = s.clock().instant();
    if (call.account != null) s.accountState().release(call.account.id(), call.requestId, now);
    if (call.key == null) return;
    String model = upstreamModel != null ? upstreamModel : call.request == null ? null : call.request.model();
    recorder.settle(new UsageRecorder.Outcome(call.key, call.leaseId, call.requestId,
        call.account == null ? null : call.account.id(), route.provider(), model, usage, status,
        call.request != null && call.request.stream(), call.elapsedMs(), call.firstByteMs(),
        call.request != null && route.longContext(call.rc, call.request), stickyChange(call)));
  }

  /** Binds the session to the account that served it, or forgets the one that failed; null leaves it. */
  private StickyBinding stickyChange(RelayCall call) {
    if (call.sessionId == null) return null;
    if (call.account != null && !call.account.id().equals(call.stickyAccountId)) {
      return StickyBinding.bind(call.sessionId, call.account.id(), settings.stickyTtl());
    }
    return call.failover != null && call.failover.stickyFailed() ? StickyBinding.forget(call.sessionId) : null;
  }

  private static String firstHeader(RelayCall call, String... names) {
    for (String n : names) {
      String v = call.rc.request().getHeader(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }
}
