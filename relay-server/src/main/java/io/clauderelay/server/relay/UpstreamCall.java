package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.UpstreamAnswer;
import io.clauderelay.domain.account.UpstreamError;
import io.clauderelay.domain.account.UpstreamFailureClass;
import io.clauderelay.domain.account.UpstreamOutcome;
import io.clauderelay.domain.account.UpstreamOutcomes;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicErrorBody;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what an upstream answer means ({@link UpstreamOutcomes} decides): relay it, pass it
 * back, cool the account (or one model family) down and fail over, refresh a subscription's token
 * and resend, or block the account.
 */
final class UpstreamCall {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamCall.class);
  /** Error bodies are read to classify and relay them; more than this is not an error message. */
  private static final int ERROR_BODY_MAX = 64 * 1024;

  private final RelayFlow flow;

  UpstreamCall(RelayFlow flow) {
    this.flow = flow;
  }

  void onResponse(RelayCall call, UpstreamReply ex) {
    // The answer has started: the account's next user turn may begin (after its gap).
    flow.turns.release(call);
    call.exchange = ex;
    if (call.clientGone) {
      ex.cancel().run();
      flow.finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    int status = ex.status();
    boolean proxyRefused = status == 407 && !call.account.proxy().isEmpty();
    boolean subscription = flow.oauth != null && call.account.type() == AccountType.CLAUDE_OAUTH;
    if (subscription && !proxyRefused) flow.oauth.observe(call.account, lowerCase(ex));
    if (status >= 200 && status < 300) {
      flow.relay(call, ex);
      return;
    }
    ResponsePump.collect(ex.body(), ERROR_BODY_MAX).onComplete(ar -> {
      byte[] bytes = ar.succeeded() ? ar.result().getBytes() : new byte[0];
      UpstreamError error = proxyRefused
          ? new UpstreamError(502, "api_error", "Upstream proxy refused the relay (HTTP 407)")
          : error(status, bytes);
      carryOut(call, UpstreamOutcomes.of(answer(call, ex, error, subscription), flow.clock.instant()), error);
    });
  }

  private void carryOut(RelayCall call, UpstreamOutcome outcome, UpstreamError error) {
    if (outcome instanceof UpstreamOutcome.CoolDown c) {
      coolDown(call, c, error);
    } else if (outcome instanceof UpstreamOutcome.CoolDownFamily f) {
      coolDownFamily(call, f, error);
    } else if (outcome instanceof UpstreamOutcome.RefreshToken) {
      call.oauthRefreshed = true;
      call.exchange = null;
      call.upstreamRequest = null;
      LOG.info("request {}: account {} answered 401, refreshing its token once", call.requestId, call.account.id());
      flow.send(call, flow.targets.afterRejected(call.account, call.oauthToken));
    } else if (outcome instanceof UpstreamOutcome.Blocked b) {
      flow.oauth.block(call.account, b.reason());
      flow.observer.accountBlocked(call.account.id(), "blocked by the upstream (HTTP " + status(error) + ")");
      flow.accountState.release(call.account.id(), call.requestId, flow.clock.instant());
      moveOn(call, error);
    } else {
      // PassBack: the request itself is wrong (400, 404, 413 …): no other account would answer differently.
      call.failover.passedBack(error);
      flow.answerUpstreamError(call);
    }
  }

  void onNoAnswer(RelayCall call, Throwable err) {
    flow.turns.release(call);
    if (call.clientGone) {
      flow.finish(call, TokenUsage.ZERO, null, 499);
      return;
    }
    boolean timeout = err instanceof TimeoutException
        || String.valueOf(err.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
    LOG.warn("request {}: account {} unreachable: {}", call.requestId, call.account.id(), err.toString());
    coolDown(call, UpstreamOutcomes.noAnswer(timeout),
        timeout
            ? new UpstreamError(504, "api_error", "Upstream did not answer in time")
            : new UpstreamError(502, "api_error", "Upstream could not be reached"));
  }

  /** Cools the failed account down and tries the next one, within the failover's retries. */
  void coolDown(RelayCall call, UpstreamOutcome.CoolDown c, UpstreamError error) {
    Instant now = flow.clock.instant();
    Account account = call.account;
    // The account's own overrides, or none at all with disableAutoProtection (it only fails over).
    Duration cooldown = account.protections().cooldowns(flow.settings.cooldowns()).cooldown(c.failure(), c.reset(),
        now);
    if (!cooldown.isZero()) {
      flow.accountState.coolDown(account.id(), now.plus(cooldown),
          c.failure().name().toLowerCase(Locale.ROOT) + " (HTTP " + error.status() + ")");
    }
    flow.accountState.release(account.id(), call.requestId, now);
    LOG.warn("request {}: account {} failed with {} ({}), cooling down {} s", call.requestId, account.id(),
        error.status(),
        c.failure(), cooldown.toSeconds());
    moveOn(call, error);
  }

  private void coolDownFamily(RelayCall call, UpstreamOutcome.CoolDownFamily f, UpstreamError error) {
    Instant now = flow.clock.instant();
    Account account = call.account;
    Duration cooldown = account.protections().cooldowns(flow.settings.cooldowns())
        .cooldown(UpstreamFailureClass.RATE_LIMITED, f.reset(), now);
    if (!cooldown.isZero()) {
      flow.accountState.coolDownFamily(account.id(), f.family(), now.plus(cooldown), "rate_limited (HTTP 429)");
    }
    flow.accountState.release(account.id(), call.requestId, now);
    LOG.warn("request {}: account {} rate-limited for {} models, cooling that family down {} s", call.requestId,
        account.id(), f.family(), cooldown.toSeconds());
    moveOn(call, error);
  }

  /** Leaves an account that cannot take the request (no usable token) without counting an upstream attempt. */
  void skip(RelayCall call) {
    flow.accountState.release(call.account.id(), call.requestId, flow.clock.instant());
    call.failover.skipped();
    forget(call);
    flow.attempt(call);
  }

  /** Records the failure and tries the next account, or answers once the retries are used up. */
  private void moveOn(RelayCall call, UpstreamError error) {
    boolean again = call.failover.failed(error);
    if (again) flow.observer.failover(flow.route.provider(), status(error));
    forget(call);
    if (again) flow.attempt(call);
    else flow.answerUpstreamError(call);
  }

  private static int status(UpstreamError error) {
    return error == null ? 0 : error.status();
  }

  private static void forget(RelayCall call) {
    call.account = null;
    call.exchange = null;
    call.upstreamRequest = null;
  }

  /** The upstream's error body as the client will be told it. */
  private static UpstreamError error(int status, byte[] body) {
    AnthropicErrorBody e = AnthropicErrorBody.parse(status, body);
    return new UpstreamError(status, e.type(), e.message());
  }

  private static UpstreamAnswer answer(RelayCall call, UpstreamReply ex, UpstreamError error, boolean subscription) {
    return new UpstreamAnswer(ex.status(), lowerCase(ex), error.message(), subscription, call.oauthRefreshed,
        !call.account.proxy().isEmpty(), call.chosen == null ? null : call.chosen.upstreamModel());
  }

  static Map<String, String> lowerCase(UpstreamReply ex) {
    Map<String, String> headers = new HashMap<>();
    ex.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
    return headers;
  }
}
