package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ModelFamily;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.account.RateLimitReset;
import io.clauderelay.domain.account.ScheduleRequest;
import io.clauderelay.domain.account.ScheduleResult;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.account.UpstreamFailureClass;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.key.KeyPolicy;
import io.clauderelay.domain.key.RequestFacts;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicErrorBody;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.server.RelayServices;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.clauderelay.server.http.RequestIds;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.oauth.OAuthUpstreamSignals;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.observe.RequestEnded;
import io.clauderelay.server.proxy.AccountProxies;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.net.ProxyOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay flow every vendor route shares: authenticate, validate, admit, choose an account,
 * call it, fail over before the first byte, relay the answer and settle usage exactly once. The
 * {@link RelayRoute} supplies what differs between APIs.
 */
public final class RelayFlow implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);
  /** Like admission's patience: a Sentinel failover takes about 6-7 s. */
  private static final Duration STORE_PATIENCE = Duration.ofSeconds(10);
  private static final Duration STORE_RETRY_INTERVAL = Duration.ofMillis(250);

  private final RelayServices s;
  private final RelaySettings settings;
  private final ClientKeyAuthenticator auth;
  private final KeyChanges keyChanges;
  private final RelayRoute route;
  private final UsageRecorder recorder;
  private final InFlight inFlight;
  private final boolean countTokens;
  /** Claude subscription accounts (token refresh, family limits); null where the route has none. */
  private final ClaudeOAuthAccounts oauth;
  private final AccountProxies proxies;
  private final RelayObserver observer;

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
    this.proxies = deps.proxies();
    this.observer = deps.observer();
    this.route = route;
    this.countTokens = route.tokenCount();
  }

  @Override
  public void handle(RoutingContext rc) {
    RelayCall call = new RelayCall(rc, RequestIds.of(rc));
    Context context = Vertx.currentContext();
    inFlight.enter(call, () -> context.runOnContext(v -> onClientGone(call)));
    rc.response().endHandler(v -> inFlight.leave(call));
    rc.response().closeHandler(v -> onClientGone(call));
    auth.authenticate(rc.request())
        .compose(key -> validate(call, key))
        .compose(v -> countTokens ? Future.succeededFuture() : admit(call))
        .onSuccess(v -> attempt(call))
        .onFailure(err -> {
          if (call.leaseId != null) s.admission().release(call.key.id(), call.leaseId);
          fail(call, err);
          observe(call, call.rc.response().getStatusCode());
        });
  }

  private Future<Void> validate(RelayCall call, ApiKey key) {
    call.key = key;
    call.request = route.parse(call.rc);
    Instant now = s.clock().instant();
    RequestFacts facts = new RequestFacts(route.provider(), call.request.model(), call.rc.request().getHeader("user-agent"),
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
  private void attempt(RelayCall call) {
    if (call.clientGone) {
      finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    Instant now = s.clock().instant();
    Future<Optional<String>> sticky = Future.succeededFuture(Optional.ofNullable(call.stickyAccountId));
    sticky.compose(stickyId -> Async.from(s.accounts().list()).compose(accounts ->
            Async.from(s.accountState().runtime(accounts.stream().map(Account::id).toList(), now)).map(runtime ->
                Scheduler.choose(new ScheduleRequest(route.provider(), call.request.model(),
                    call.key.bindings().get(route.provider()), stickyId.orElse(null), call.excluded, now), accounts, runtime))))
        .onSuccess(result -> {
          if (result instanceof ScheduleResult.Chosen chosen) reserveAndSend(call, chosen);
          else if (call.lastUpstreamStatus != 0) respondUpstreamError(call);
          else failAndRelease(call, ((ScheduleResult.NoAccount) result).failure());
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
    if (err instanceof FailureException) {
      failAndRelease(call, err);
      return;
    }
    long now = System.nanoTime();
    if (call.storeRetryUntil == 0) call.storeRetryUntil = now + STORE_PATIENCE.toNanos();
    if (now + STORE_RETRY_INTERVAL.toNanos() > call.storeRetryUntil) {
      LOG.warn("request {}: store unavailable while choosing an account: {}", call.requestId, String.valueOf(err));
      failAndRelease(call, Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE,
          "The relay's store is unavailable (failover in progress?); retry shortly").withRetryAfter(2));
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
            call.excluded.add(account.id());
            attempt(call);
            return;
          }
          send(call, chosen);
        })
        // Acquiring is idempotent by request id: a retry after a lost reply holds the same slot.
        .onFailure(err -> retryOrFail(call, err));
  }

  private void send(RelayCall call, ScheduleResult.Chosen chosen) {
    Account account = chosen.account();
    call.account = account;
    call.chosen = chosen;
    call.oauthToken = null;
    call.oauthRefreshed = false;
    if (account.type() == AccountType.CLAUDE_OAUTH) {
      sendOAuth(call, oauth == null ? Future.failedFuture(new IllegalStateException("subscription accounts are not enabled"))
          : Async.from(oauth.fresh(account)));
      return;
    }
    String credential;
    try {
      credential = s.cipher().decrypt(account.credential());
    } catch (IllegalArgumentException undecryptable) {
      LOG.error("account {} credential cannot be decrypted with this ENCRYPTION_KEY", account.id());
      coolDownAndRetry(call, UpstreamFailureClass.AUTH, Optional.empty(), 502,
          new AnthropicErrorBody("api_error", "Upstream account credential unusable"));
      return;
    }
    sendTo(call, account.baseUrl(), credential, false);
  }

  /** Sends with the subscription account's token once it is fresh; a failed refresh moves to the next account. */
  private void sendOAuth(RelayCall call, Future<Account> fresh) {
    fresh.onSuccess(account -> {
      if (call.clientGone) {
        finish(call, TokenUsage.ZERO, null, 499);
        return;
      }
      call.account = account;
      String token = oauth.target(account).credential();
      call.oauthToken = token;
      sendTo(call, account.baseUrl(), token, true);
    }).onFailure(err -> {
      // The refresher has marked the account error (out of the pool); nothing to cool down.
      LOG.warn("request {}: account {} has no usable token: {}", call.requestId, call.account.id(), err.getMessage());
      skipAccount(call);
    });
  }

  private void sendTo(RelayCall call, String baseUrl, String credential, boolean oauthToken) {
    ProxyOptions proxy;
    try {
      proxy = proxies.of(call.account);
    } catch (AccountProxies.UnusableProxyException unusable) {
      // Never around the proxy: going direct could expose the relay's address to the upstream.
      LOG.error("request {}: {}", call.requestId, unusable.getMessage());
      coolDownAndRetry(call, UpstreamFailureClass.UNREACHABLE, Optional.empty(), 502,
          new AnthropicErrorBody("api_error", "Upstream could not be reached"));
      return;
    }
    route.send(new RelayRoute.Upstream(call.rc, call.request, baseUrl, credential, call.chosen.upstreamModel(),
            req -> call.upstreamRequest = req, oauthToken, proxy))
        .onSuccess(ex -> onUpstreamResponse(call, ex))
        .onFailure(err -> onUpstreamFailure(call, err));
  }

  private void onUpstreamResponse(RelayCall call, UpstreamExchange ex) {
    call.exchange = ex;
    if (call.clientGone) {
      ex.cancel();
      finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    int status = ex.status();
    if (status == 407 && !call.account.proxy().isEmpty()) {
      // The account's HTTP proxy refused the relay (its credentials): the account is unreachable, the request is fine.
      ResponsePump.collect(ex.response(), 64 * 1024).onComplete(ar -> coolDownAndRetry(call, UpstreamFailureClass.UNREACHABLE,
          Optional.empty(), 502, new AnthropicErrorBody("api_error", "Upstream proxy refused the relay (HTTP 407)")));
      return;
    }
    if (isOAuth(call)) oauth.observe(call.account.id(), lowerCase(ex));
    if (status >= 200 && status < 300) {
      ResponsePump pump = new ResponsePump(call, this, route.family());
      RelayRoute.Answer answer = route.answer(call.rc, call.request);
      if (answer instanceof RelayRoute.Stream st) pump.relayStream(ex, st.tap());
      else if (answer instanceof RelayRoute.Json js) pump.relayJson(ex, js.tap());
      else pump.relayPlain(ex);
      return;
    }
    ResponsePump.collect(ex.response(), 64 * 1024).onComplete(ar -> {
      byte[] bytes = ar.succeeded() ? ar.result().getBytes() : new byte[0];
      AnthropicErrorBody error = AnthropicErrorBody.parse(status, bytes);
      if (isOAuth(call) && onOAuthError(call, ex, status, error)) return;
      Optional<UpstreamFailureClass> cls = CooldownPolicy.classify(status);
      if (cls.isEmpty()) {
        // The request itself is wrong (400, 404, 413 …): no other account would answer differently.
        call.lastUpstreamStatus = status;
        call.lastUpstreamError = error;
        respondUpstreamError(call);
        return;
      }
      Optional<Instant> reset = RateLimitReset.parse(lowerCase(ex), s.clock().instant());
      coolDownAndRetry(call, cls.get(), reset, status, error);
    });
  }

  private void onUpstreamFailure(RelayCall call, Throwable err) {
    if (call.clientGone) {
      finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    boolean timeout = err instanceof TimeoutException || String.valueOf(err.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
    call.lastWasTimeout = timeout;
    LOG.warn("request {}: account {} unreachable: {}", call.requestId, call.account.id(), err.toString());
    coolDownAndRetry(call, timeout ? UpstreamFailureClass.TIMEOUT : UpstreamFailureClass.UNREACHABLE, Optional.empty(),
        timeout ? 504 : 502, new AnthropicErrorBody("api_error",
            timeout ? "Upstream did not answer in time" : "Upstream could not be reached"));
  }

  /** Cools the failed account down and tries the next one, at most {@code maxFailoverRetries} times. */
  private void coolDownAndRetry(RelayCall call, UpstreamFailureClass cls, Optional<Instant> reset, int status,
      AnthropicErrorBody error) {
    Instant now = s.clock().instant();
    Account account = call.account;
    Duration cooldown = settings.cooldowns().cooldown(cls, reset, now);
    s.accountState().coolDown(account.id(), now.plus(cooldown), cls.name().toLowerCase(Locale.ROOT) + " (HTTP " + status + ")");
    s.accountState().release(account.id(), call.requestId, now);
    if (call.account != null && call.account.id().equals(call.stickyAccountId)) call.stickyFailed = true;
    LOG.warn("request {}: account {} failed with {} ({}), cooling down {} s", call.requestId, account.id(), status,
        cls, cooldown.toSeconds());
    moveOn(call, status, error);
  }

  private boolean isOAuth(RelayCall call) {
    return oauth != null && call.account != null && call.account.type() == AccountType.CLAUDE_OAUTH;
  }

  /**
   * What a subscription account's error means, before the generic handling: a first 401 refreshes
   * the token and resends on the same account; a disabled organisation blocks the account; a 429
   * for one model family cools only that family; an "extra usage" 429 goes back as it is. True
   * when handled here.
   */
  private boolean onOAuthError(RelayCall call, UpstreamExchange ex, int status, AnthropicErrorBody error) {
    Account account = call.account;
    if (status == 401 && !call.oauthRefreshed && call.oauthToken != null) {
      call.oauthRefreshed = true;
      call.exchange = null;
      call.upstreamRequest = null;
      LOG.info("request {}: account {} answered 401, refreshing its token once", call.requestId, account.id());
      sendOAuth(call, Async.from(oauth.replace(account, call.oauthToken)));
      return true;
    }
    if (OAuthUpstreamSignals.blocked(status, error.message())) {
      oauth.block(account, error.message());
      observer.accountBlocked(account.id(), "blocked by the upstream (HTTP " + status + ")");
      s.accountState().release(account.id(), call.requestId, s.clock().instant());
      if (call.account != null && call.account.id().equals(call.stickyAccountId)) call.stickyFailed = true;
      moveOn(call, status, error);
      return true;
    }
    if (OAuthUpstreamSignals.extraUsage(status, error.message())) {
      call.lastUpstreamStatus = status;
      call.lastUpstreamError = error;
      respondUpstreamError(call);
      return true;
    }
    Optional<String> family = ModelFamily.of(call.chosen == null ? null : call.chosen.upstreamModel());
    if (status == 429 && family.isPresent()) {
      Instant now = s.clock().instant();
      Duration cooldown = settings.cooldowns().cooldown(UpstreamFailureClass.RATE_LIMITED,
          OAuthUpstreamSignals.reset(lowerCase(ex), now), now);
      s.accountState().coolDownFamily(account.id(), family.get(), now.plus(cooldown), "rate_limited (HTTP 429)");
      s.accountState().release(account.id(), call.requestId, now);
      if (call.account != null && call.account.id().equals(call.stickyAccountId)) call.stickyFailed = true;
      LOG.warn("request {}: account {} rate-limited for {} models, cooling that family down {} s", call.requestId,
          account.id(), family.get(), cooldown.toSeconds());
      moveOn(call, status, error);
      return true;
    }
    return false;
  }

  /** Leaves an account that cannot take the request (no usable token) without counting an upstream attempt. */
  private void skipAccount(RelayCall call) {
    s.accountState().release(call.account.id(), call.requestId, s.clock().instant());
    if (call.account != null && call.account.id().equals(call.stickyAccountId)) call.stickyFailed = true;
    call.excluded.add(call.account.id());
    call.account = null;
    call.exchange = null;
    call.upstreamRequest = null;
    attempt(call);
  }

  /** Records the failure, excludes the account for this request and tries the next one (within the retry bound). */
  private void moveOn(RelayCall call, int status, AnthropicErrorBody error) {
    Account account = call.account;
    call.lastUpstreamStatus = status;
    call.lastUpstreamError = error;
    call.excluded.add(account.id());
    call.account = null;
    call.exchange = null;
    call.upstreamRequest = null;
    if (call.retries < settings.maxFailoverRetries()) {
      call.retries++;
      observer.failover(route.provider(), status);
      attempt(call);
    } else {
      respondUpstreamError(call);
    }
  }

  /** Answers with the last upstream error in the route's shape, never the account's details. */
  private void respondUpstreamError(RelayCall call) {
    int status = call.lastUpstreamStatus;
    AnthropicErrorBody error = call.lastUpstreamError;
    FailureKind kind;
    int clientStatus = status;
    String type = error.type();
    String message = error.message();
    if (status == 401 || status == 403) {
      kind = FailureKind.PROVIDER_AUTH;
      clientStatus = 502;
      type = "api_error";
      message = "Upstream account rejected (HTTP " + status + "): " + message;
    } else if (status == 429) {
      kind = FailureKind.PROVIDER_RATE_LIMITED;
    } else if (status == 529) {
      kind = FailureKind.PROVIDER_OVERLOADED;
    } else if (status == 504) {
      kind = FailureKind.PROVIDER_TIMEOUT;
    } else if (status >= 500) {
      kind = FailureKind.PROVIDER_SERVER_ERROR;
    } else {
      kind = FailureKind.CALLER_BAD_REQUEST;
    }
    Failure failure = Failure.of(kind, message);
    call.failure = kind;
    if (call.retries > 0) failure = failure.withDetail("accountsTried", call.retries + 1);
    FailureResponses.send(call.rc.response(), route.family(), failure, clientStatus, type);
    finish(call, TokenUsage.ZERO, null, clientStatus);
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
    return call.stickyFailed ? StickyBinding.forget(call.sessionId) : null;
  }

  private void failAndRelease(RelayCall call, Throwable err) {
    fail(call, err);
    finish(call, TokenUsage.ZERO, null, 500);
  }

  private void failAndRelease(RelayCall call, Failure failure) {
    call.failure = failure.kind();
    FailureResponses.send(call.rc.response(), route.family(), failure);
    finish(call, TokenUsage.ZERO, null, FailureResponses.mapping(failure.kind()).status());
  }

  private void fail(RelayCall call, Throwable err) {
    if (err instanceof FailureException fe) {
      call.failure = fe.failure().kind();
      FailureResponses.send(call.rc.response(), route.family(), fe.failure());
      return;
    }
    call.failure = FailureKind.RELAY_STORE_UNAVAILABLE;
    // Past validation, an unexpected failure is almost always the store being briefly away
    // (failover): a 503 with Retry-After is what a client can act on. The log keeps the cause.
    LOG.error("request {} failed", call.requestId, err);
    FailureResponses.send(call.rc.response(), route.family(),
        Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Relay temporarily unavailable (request " + call.requestId
            + "); retry shortly").withRetryAfter(2));
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

  private static Map<String, String> lowerCase(UpstreamExchange ex) {
    Map<String, String> headers = new HashMap<>();
    ex.response().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
    return headers;
  }

  private static String firstHeader(RelayCall call, String... names) {
    for (String n : names) {
      String v = call.rc.request().getHeader(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }

}
