package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.account.RateLimitReset;
import io.clauderelay.domain.account.ScheduleRequest;
import io.clauderelay.domain.account.ScheduleResult;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.account.SessionFacts;
import io.clauderelay.domain.account.SessionIdentity;
import io.clauderelay.domain.account.StickyBinding;
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
import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
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
 * {@code POST /v1/messages} and {@code /v1/messages/count_tokens}: authenticate, validate, admit,
 * choose an account, call it, fail over before the first byte, relay the answer and settle usage.
 */
public final class ClaudeMessagesHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeMessagesHandler.class);

  private final RelayServices s;
  private final RelaySettings settings;
  private final ClientKeyAuthenticator auth;
  private final KeyChanges keyChanges;
  private final AnthropicUpstream upstream;
  private final UsageRecorder recorder;
  private final InFlight inFlight;
  private final boolean countTokens;

  public ClaudeMessagesHandler(RelayServices services, RelaySettings settings, ClientKeyAuthenticator auth,
      KeyChanges keyChanges, AnthropicUpstream upstream, UsageRecorder recorder, InFlight inFlight, boolean countTokens) {
    this.s = services;
    this.settings = settings;
    this.auth = auth;
    this.keyChanges = keyChanges;
    this.upstream = upstream;
    this.recorder = recorder;
    this.inFlight = inFlight;
    this.countTokens = countTokens;
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
        });
  }

  private Future<Void> validate(RelayCall call, ApiKey key) {
    call.key = key;
    call.request = MessagesRequest.parse(call.rc.body().buffer(), countTokens);
    Instant now = s.clock().instant();
    RequestFacts facts = new RequestFacts(Provider.CLAUDE, call.request.model(), call.rc.request().getHeader("user-agent"), countTokens);
    Optional<Failure> refused = KeyPolicy.check(key, facts, now);
    if (refused.isPresent()) return Future.failedFuture(new FailureException(refused.get()));
    call.sessionId = SessionIdentity.of(new SessionFacts(call.request.metadataUserId(),
        firstHeader(call, "session_id", "x-session-id"), call.request.bodySessionId(), call.request.systemText(),
        call.request.firstUserText())).orElse(null);
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
                Scheduler.choose(new ScheduleRequest(Provider.CLAUDE, call.request.model(),
                    call.key.bindings().get(Provider.CLAUDE), stickyId.orElse(null), call.excluded, now), accounts, runtime))))
        .onSuccess(result -> {
          if (result instanceof ScheduleResult.Chosen chosen) reserveAndSend(call, chosen);
          else if (call.lastUpstreamStatus != 0) respondUpstreamError(call);
          else failAndRelease(call, ((ScheduleResult.NoAccount) result).failure());
        })
        .onFailure(err -> failAndRelease(call, err));
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
        .onFailure(err -> failAndRelease(call, err));
  }

  private void send(RelayCall call, ScheduleResult.Chosen chosen) {
    Account account = chosen.account();
    call.account = account;
    AnthropicTarget target;
    try {
      target = new AnthropicTarget(account.baseUrl(), s.cipher().decrypt(account.credential()));
    } catch (IllegalArgumentException undecryptable) {
      LOG.error("account {} credential cannot be decrypted with this ENCRYPTION_KEY", account.id());
      coolDownAndRetry(call, UpstreamFailureClass.AUTH, Optional.empty(), 502,
          new AnthropicErrorBody("api_error", "Upstream account credential unusable"));
      return;
    }
    Buffer body = call.request.bodyFor(chosen.upstreamModel());
    String path = countTokens ? "/v1/messages/count_tokens" : "/v1/messages";
    upstream.post(target, path, call.rc.request().query(), call.rc.request().headers(), body, req -> call.upstreamRequest = req)
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
    if (status >= 200 && status < 300) {
      if (countTokens) new ResponsePump(call, this).relayPlain(ex);
      else if (call.request.stream()) new ResponsePump(call, this).relayStream(ex);
      else new ResponsePump(call, this).relayJson(ex);
      return;
    }
    ResponsePump.collect(ex.response(), 64 * 1024).onComplete(ar -> {
      byte[] bytes = ar.succeeded() ? ar.result().getBytes() : new byte[0];
      AnthropicErrorBody error = AnthropicErrorBody.parse(status, bytes);
      Optional<UpstreamFailureClass> cls = CooldownPolicy.classify(status);
      if (cls.isEmpty()) {
        // The request itself is wrong (400, 404, 413 …): no other account would answer differently.
        call.lastUpstreamStatus = status;
        call.lastUpstreamError = error;
        respondUpstreamError(call);
        return;
      }
      Map<String, String> headers = new HashMap<>();
      ex.response().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      Optional<Instant> reset = RateLimitReset.parse(headers, s.clock().instant());
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
    if (account.id().equals(call.stickyAccountId)) call.stickyFailed = true;
    LOG.warn("request {}: account {} failed with {} ({}), cooling down {} s", call.requestId, account.id(), status,
        cls, cooldown.toSeconds());
    call.lastUpstreamStatus = status;
    call.lastUpstreamError = error;
    call.excluded.add(account.id());
    call.account = null;
    call.exchange = null;
    call.upstreamRequest = null;
    if (call.retries < settings.maxFailoverRetries()) {
      call.retries++;
      attempt(call);
    } else {
      respondUpstreamError(call);
    }
  }

  /** Answers with the last upstream error in the Anthropic shape, never the account's details. */
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
    if (call.retries > 0) failure = failure.withDetail("accountsTried", call.retries + 1);
    FailureResponses.send(call.rc.response(), ApiFamily.ANTHROPIC, failure, clientStatus, type);
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
    Instant now = s.clock().instant();
    if (call.account != null) s.accountState().release(call.account.id(), call.requestId, now);
    if (call.key == null) return;
    String model = upstreamModel != null ? upstreamModel : call.request == null ? null : call.request.model();
    recorder.settle(new UsageRecorder.Outcome(call.key, call.leaseId, call.requestId,
        call.account == null ? null : call.account.id(), Provider.CLAUDE, model, usage, status,
        call.request != null && call.request.stream(), call.elapsedMs(), call.firstByteMs(), longContext(call),
        stickyChange(call)));
  }

  /** Binds the session to the account that served it, or forgets the one that failed; null leaves it. */
  private StickyBinding stickyChange(RelayCall call) {
    if (call.sessionId == null) return null;
    if (call.account != null && !call.account.id().equals(call.stickyAccountId)) {
      return StickyBinding.bind(call.sessionId, call.account.id(), settings.stickyTtl());
    }
    return call.stickyFailed ? StickyBinding.forget(call.sessionId) : null;
  }

  private boolean longContext(RelayCall call) {
    String beta = call.rc.request().getHeader("anthropic-beta");
    return (beta != null && beta.contains("context-1m")) || (call.request != null && call.request.model().contains("[1m]"));
  }

  private void failAndRelease(RelayCall call, Throwable err) {
    fail(call, err);
    finish(call, TokenUsage.ZERO, null, 500);
  }

  private void failAndRelease(RelayCall call, Failure failure) {
    FailureResponses.send(call.rc.response(), ApiFamily.ANTHROPIC, failure);
    finish(call, TokenUsage.ZERO, null, FailureResponses.mapping(failure.kind()).status());
  }

  private void fail(RelayCall call, Throwable err) {
    if (err instanceof FailureException fe) {
      FailureResponses.send(call.rc.response(), ApiFamily.ANTHROPIC, fe.failure());
      return;
    }
    // Past validation, an unexpected failure is almost always the store being briefly away
    // (failover): a 503 with Retry-After is what a client can act on. The log keeps the cause.
    LOG.error("request {} failed", call.requestId, err);
    FailureResponses.send(call.rc.response(), ApiFamily.ANTHROPIC,
        Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Relay temporarily unavailable (request " + call.requestId
            + "); retry shortly").withRetryAfter(2));
  }

  private static String firstHeader(RelayCall call, String... names) {
    for (String n : names) {
      String v = call.rc.request().getHeader(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }

}
