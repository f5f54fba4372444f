package io.clauderelay.server.oauth;

import io.clauderelay.domain.account.SubscriptionSignals;
import io.clauderelay.domain.account.SubscriptionWindow;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.oauth.AuthorizationCode;
import io.clauderelay.domain.oauth.OAuthClientSettings;
import io.clauderelay.domain.oauth.OAuthCredential;
import io.clauderelay.domain.oauth.OAuthSession;
import io.clauderelay.domain.oauth.Pkce;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.net.ProxyOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the relay does for Claude subscription (OAuth) accounts: PKCE onboarding, a usable
 * access token for each request (refreshed shortly before expiry or after a 401), and what the
 * upstream's answers say about the account (5-hour window status, blocked accounts).
 */
public final class ClaudeOAuthAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeOAuthAccounts.class);

  /** An onboarding started: the URL the operator opens and the id to finish it with. */
  public record AuthStart(String authUrl, String sessionId, Instant expiresAt) {}

  private final OAuthClientSettings settings;
  private final TokenEndpointClient tokens;
  private final OAuthTokenRefresher refresher;
  private final OAuthSessionStore sessions;
  private final AccountStore accounts;
  private final AccountStateStore state;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final SubscriptionWindowStore windows;
  /** What this node last stored per account: an unchanged report costs no write. */
  private final Map<String, List<SubscriptionWindow>> lastWindows = new ConcurrentHashMap<>();

  public ClaudeOAuthAccounts(OAuthClientSettings settings, TokenEndpointClient tokens, OAuthTokenRefresher refresher,
      OAuthSessionStore sessions, AccountStore accounts, AccountStateStore state, SubscriptionWindowStore windows,
      Clock clock) {
    this.windows = windows;
    this.settings = settings;
    this.tokens = tokens;
    this.refresher = refresher;
    this.sessions = sessions;
    this.accounts = accounts;
    this.state = state;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ request path

  /** The account with a token that is not about to expire (refreshed under the cluster lock if needed). */
  public CompletionStage<Account> fresh(Account a) {
    return refresher.fresh(a);
  }

  /** A new token for the account after the upstream rejected {@code rejectedToken} with 401. */
  public CompletionStage<Account> replace(Account a, String rejectedToken) {
    return refresher.replace(a, rejectedToken);
  }

  /** Where and with which token to send a request for the account. */
  public AnthropicTarget target(Account a) {
    return AnthropicTarget.oauth(a.baseUrl(), refresher.credential(a).accessToken());
  }

  public OAuthCredential credential(Account a) {
    return refresher.credential(a);
  }

  /**
   * Keeps the 5-hour window status and every usage window (5-hour, weekly, per family) the upstream
   * reported, if it did; the windows only when they changed since this node last wrote them. With
   * {@code autoStopOnWarning}, a window at its warning (or threshold) rests the account until it resets.
   */
  public void observe(Account account, Map<String, String> lowerCaseHeaders) {
    String accountId = account.id();
    SubscriptionSignals.windowStatus(lowerCaseHeaders).ifPresent(s -> state.recordWindowStatus(accountId, s));
    List<SubscriptionWindow> reported = SubscriptionWindow.parse(lowerCaseHeaders);
    SubscriptionWindow.stopping(reported, account.protections()).ifPresent(w -> {
      LOG.info("account {}: {} window at {}% ({}), out of the pool until it resets at {}", accountId, w.name(),
          w.percent(), w.status(), w.reset());
      state.coolDown(accountId, w.reset(), "subscription " + w.name() + " window "
          + (w.percent() >= 0 ? "at " + w.percent() + "% " : "") + "(autoStopOnWarning), until it resets");
    });
    if (reported.isEmpty() || reported.equals(lastWindows.put(accountId, reported))) return;
    windows.record(accountId, reported).whenComplete((v, err) -> {
      if (err == null) return;
      lastWindows.remove(accountId, reported);
      LOG.warn("account {}: usage windows not stored: {}", accountId, String.valueOf(err));
    });
  }

  /** The usage windows each account last reported that are still open at {@code now}. */
  public CompletionStage<Map<String, List<SubscriptionWindow>>> windows(List<String> accountIds, Instant now) {
    return windows.windows(accountIds, now);
  }

  /** Marks the account {@code blocked} (upstream reports it disabled): out of the pool until an operator acts. */
  public CompletionStage<Void> block(Account a, String upstreamMessage) {
    LOG.warn("account {} blocked by the upstream: {}", a.id(), upstreamMessage);
    return accounts.findById(a.id()).thenCompose(found -> {
      Account current = found.orElse(a);
      return accounts.save(current.withStatus(AccountStatus.BLOCKED, "blocked by the upstream: " + upstreamMessage,
          clock.instant()));
    });
  }

  // ------------------------------------------------------------------ onboarding

  /** Starts a PKCE onboarding: its verifier and state stay in the shared store for 10 minutes. */
  public CompletionStage<AuthStart> start() {
    Pkce pkce = Pkce.generate(random);
    String sessionId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    return sessions.put(sessionId, new OAuthSession(pkce.verifier(), pkce.state(), now), OAuthSession.TTL, now)
        .thenApply(v -> new AuthStart(settings.authorizationUrl(pkce), sessionId, now.plus(OAuthSession.TTL)));
  }

  /** Exchanges a pasted code or callback URL of the session for tokens (through {@code proxy} if not null); the session is used up either way. */
  public CompletionStage<OAuthCredential> finish(String sessionId, String pasted, ProxyOptions proxy) {
    AuthorizationCode code = AuthorizationCode.parse(pasted).orElseThrow(() -> bad("code",
        "must be the authorization code or the callback URL that carries it"));
    return sessions.take(sessionId, clock.instant()).thenCompose(found -> {
      if (found.isEmpty())
        throw bad("sessionId", "is unknown or expired (sessions last 10 minutes): generate a new URL");
      OAuthSession session = found.get();
      if (code.state() != null && !code.state().equals(session.state())) {
        throw bad("code", "belongs to another authorization (state mismatch)");
      }
      return tokens.exchange(code.code(), session.verifier(), session.state(), proxy).toCompletionStage()
          .thenApply(
              grant -> new OAuthCredential(grant.accessToken(), grant.refreshToken(), grant.expiresAt(clock.instant()),
                  grant.scopes().isEmpty() ? List.of(settings.scopes().split(" ")) : grant.scopes(), null));
    });
  }

  /** An operator asked for a refresh now, whatever the expiry. */
  public CompletionStage<Account> refreshNow(Account a) {
    return refresher.replace(a, refresher.credential(a).accessToken());
  }

  static FailureException bad(String field, String problem) {
    return new FailureException(
        Failure.of(FailureKind.CALLER_BAD_REQUEST, field + " " + problem).withDetail("field", field));
  }
}
