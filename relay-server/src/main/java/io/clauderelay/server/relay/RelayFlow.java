package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.Failover;
import io.clauderelay.domain.account.ScheduleRequest;
import io.clauderelay.domain.account.ScheduleResult;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.account.UpstreamError;
import io.clauderelay.domain.account.UpstreamOutcome;
import io.clauderelay.domain.account.UpstreamOutcomes;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.TurnGate;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.observe.RequestEnded;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay use case every vendor route shares, top to bottom: authenticate, validate, admit,
 * choose an account, call it, relay the answer, settle usage exactly once. It reads a neutral
 * {@link Inbound} and answers through a {@link ClientResponse}; the HTTP layer only translates.
 * Choosing and calling loop through the {@link Failover} state machine; what an upstream answer
 * means is the domain's {@link UpstreamOutcomes}; how the chosen account is reached is
 * {@link UpstreamTargets}'. The {@link RelayRoute} supplies what differs between APIs;
 * {@link UpstreamCall} carries out outcomes, {@link ResponsePump} relays a 2xx answer.
 */
public final class RelayFlow implements RelayHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);
  /** Like admission's patience: a Sentinel failover takes about 6-7 s. */
  private static final Duration STORE_PATIENCE = Duration.ofSeconds(10);
  private static final Duration STORE_RETRY_INTERVAL = Duration.ofMillis(250);

  /** The ports and collaborators of every flow, built once by the composition root. */
  public record Deps(ApiKeyStore keys, AdmissionStore admission, AccountStore accounts,
      AccountStateStore accountState, PriceCatalog prices, Clock clock, RelaySettings settings,
      ClientKeyAuthenticator auth, KeyChanges keyChanges, UsageRecorder recorder, InFlight inFlight,
      UpstreamTargets targets, ClaudeOAuthAccounts oauth, RelayObserver observer, AdmissionLine line,
      TurnGate turns) {}

  private final Deps d;
  final RelayRoute route;
  private final boolean countTokens;
  /** One user turn at a time on subscription accounts that ask for it. */
  final TurnWait turns;
  private final KeyAdmission admission;
  private final UpstreamCall upstream;
  // What UpstreamCall uses of the flow's ports.
  final AccountStateStore accountState;
  final Clock clock;
  final RelaySettings settings;
  final UpstreamTargets targets;
  /** Claude subscription accounts (token refresh, family limits); null where the route has none. */
  final ClaudeOAuthAccounts oauth;
  /** Metrics and alerts: told when a request ends, a stream opens, an account fails over or is blocked. */
  final RelayObserver observer;

  public RelayFlow(Deps deps, RelayRoute route) {
    this.d = deps;
    this.route = route;
    this.countTokens = route.tokenCount();
    this.accountState = deps.accountState();
    this.clock = deps.clock();
    this.settings = deps.settings();
    this.targets = deps.targets();
    this.oauth = deps.oauth();
    this.observer = deps.observer();
    this.admission = new KeyAdmission(deps, route);
    this.upstream = new UpstreamCall(this);
    this.turns = new TurnWait(deps.turns(), deps.clock());
  }

  /** Must run on a Vert.x context (the request's event loop). */
  @Override
  public void handle(Inbound in, ClientResponse out) {
    Context context = Vertx.currentContext();
    RelayCall call = new RelayCall(in, out, context);
    if (!d.inFlight().tryEnter(call, () -> context.runOnContext(v -> onClientGone(call)))) {
      LoadShedding.refuse(out, route.family(), d.inFlight());
      return;
    }
    out.onEnded(() -> d.inFlight().leave(call));
    out.onClosed(() -> onClientGone(call));
    d.auth().authenticate(ClientKeyAuthenticator.extract(in::header, in::queryParam))
        .compose(key -> admission.validate(call, key))
        .compose(v -> countTokens ? Future.succeededFuture() : admission.admit(call))
        .onSuccess(v -> {
          call.failover = new Failover(settings.maxFailoverRetries(), call.stickyAccountId);
          attempt(call);
        })
        .onFailure(err -> refused(call, err));
  }

  /** Refused before any account was chosen: answered in the route's shape, the lease (if any) freed. */
  private void refused(RelayCall call, Throwable err) {
    if (call.leaseId != null) d.admission().release(call.key.id(), call.leaseId);
    if (err instanceof AdmissionLine.ClientGone) {
      // Left while waiting for a slot: it never took one, and there is nobody to answer.
      call.finished = true;
      d.inFlight().leave(call);
      observe(call, 499);
      return;
    }
    int status = FlowErrors.fail(call.out, route.family(), call.requestId, err);
    call.failure = err instanceof FailureException fe ? fe.failure().kind() : FailureKind.RELAY_STORE_UNAVAILABLE;
    observe(call, status);
  }

  /** Chooses an account (skipping the ones that failed this request) and calls it. */
  void attempt(RelayCall call) {
    if (call.clientGone) {
      finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    Instant now = clock.instant();
    Async.from(d.accounts().list())
        .compose(accounts -> Async.from(accountState.runtime(accounts.stream().map(Account::id).toList(), now))
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
    call.context.owner().setTimer(STORE_RETRY_INTERVAL.toMillis(), id -> attempt(call));
  }

  private void reserveAndSend(RelayCall call, ScheduleResult.Chosen chosen) {
    Account account = chosen.account();
    Async.from(accountState.acquire(account.id(), call.requestId, account.maxConcurrency(), settings.leaseTtl(),
        clock.instant()))
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
      if (call.turnAccountId == null && TurnWait.applies(call, call.account, countTokens)) {
        turns.take(call, call.account).onComplete(ar -> {
          if (ar.failed()) answerFailure(call, ((FailureException) ar.cause()).failure());
          else if (ar.result()) sendNow(call, ready);
          else finish(call, TokenUsage.ZERO, null, 499);
        });
        return;
      }
      sendNow(call, ready);
    });
  }

  private void sendNow(RelayCall call, UpstreamTargets.Ready ready) {
    route.send(new RelayRoute.Upstream(call.in, call.request, ready.target(), call.chosen.upstreamModel(),
        req -> call.upstreamRequest = req))
        .onSuccess(ex -> upstream.onResponse(call, ex))
        .onFailure(err -> upstream.onNoAnswer(call, err));
  }

  /** Relays a 2xx answer through the route's tap. */
  void relay(RelayCall call, UpstreamReply ex) {
    call.failover.served();
    ResponsePump pump = new ResponsePump(call, this, route.family());
    RelayRoute.Answer answer = route.answer(call.in, call.request);
    if (answer instanceof RelayRoute.Stream st) pump.relayStream(ex, st.tap());
    else if (answer instanceof RelayRoute.Json js) pump.relayJson(ex, js.tap());
    else pump.relayPlain(ex);
  }

  /** Answers with the last upstream error in the route's shape, never the account's details. */
  void answerUpstreamError(RelayCall call) {
    finish(call, TokenUsage.ZERO, null, FlowErrors.upstream(call.out, route.family(), call.failover));
  }

  private void answerFailure(RelayCall call, Failure failure) {
    call.failure = failure.kind();
    finish(call, TokenUsage.ZERO, null, FlowErrors.send(call.out, route.family(), failure));
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
    if (call.onGoneWhileQueued != null) call.onGoneWhileQueued.run();
    call.cancelUpstream();
  }

  /**
   * Settles, exactly once: frees the account slot and settles usage (or releases the lease when
   * nothing was used).
   */
  void finish(RelayCall call, TokenUsage usage, String upstreamModel, int status) {
    if (call.finished) return;
    call.finished = true;
    turns.release(call);
    d.inFlight().leave(call);
    if (call.streaming) observer.streamClosed();
    observe(call, status);
    Instant now = clock.instant();
    if (call.account != null) accountState.release(call.account.id(), call.requestId, now);
    if (call.key == null) return;
    Future<Boolean> settled = d.recorder()
        .settle(CallOutcome.of(call, route, usage, upstreamModel, status, settings.stickyTtl()));
    // The lease is free once settled: the first request in the key's line may take it.
    if (call.queued) settled.onComplete(ar -> d.line().freed(call.key.id()));
  }
}
