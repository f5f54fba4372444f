package io.clauderelay.server.oauth;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.oauth.OAuthCredential;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.server.log.Redact;
import io.clauderelay.server.proxy.AccountProxies;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import io.clauderelay.server.observe.RelayObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the access token of a subscription account, so that two nodes never refresh the same
 * account at once: on this node one refresh per account at a time (later callers share it), across
 * nodes the store's lock. The node that takes the lock re-reads the account (another may have just
 * refreshed it), calls the token endpoint, and stores the new tokens (the refresh token rotates);
 * a node that finds the lock taken waits and re-reads the account until the new token is there.
 * A refused refresh marks the account {@code error} with the reason, which takes it out of the pool.
 */
public final class OAuthTokenRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenRefresher.class);
  /** Longer than a token call may take (30 s timeout), so a live holder never loses the lock. */
  static final Duration LOCK_TTL = Duration.ofSeconds(45);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration MAX_WAIT = Duration.ofSeconds(40);

  private final Vertx vertx;
  private final AccountStore accounts;
  private final AccountStateStore state;
  private final SecretCipher cipher;
  private final TokenEndpointClient tokens;
  private final ClusterLock lock;
  private final AccountProxies proxies;
  private final Clock clock;
  private final RelayObserver observer;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, CompletableFuture<Account>> inFlight = new ConcurrentHashMap<>();

  public OAuthTokenRefresher(Vertx vertx, AccountStore accounts, AccountStateStore state, SecretCipher cipher,
      TokenEndpointClient tokens, ClusterLock lock, AccountProxies proxies, Clock clock) {
    this(vertx, accounts, state, cipher, tokens, lock, proxies, clock, RelayObserver.NONE);
  }

  public OAuthTokenRefresher(Vertx vertx, AccountStore accounts, AccountStateStore state, SecretCipher cipher,
      TokenEndpointClient tokens, ClusterLock lock, AccountProxies proxies, Clock clock, RelayObserver observer) {
    this.observer = observer;
    this.vertx = vertx;
    this.accounts = accounts;
    this.state = state;
    this.cipher = cipher;
    this.tokens = tokens;
    this.lock = lock;
    this.proxies = proxies;
    this.clock = clock;
  }

  /** Thrown when the account's token cannot be renewed; the account is already marked {@code error}. */
  public static final class RefreshFailedException extends RuntimeException {
    public RefreshFailedException(String message) {
      super(message, null, false, false);
    }
  }

  public OAuthCredential credential(Account a) {
    return OAuthCredentialJson.read(cipher.decrypt(a.credential()));
  }

  /** The account with a usable access token: itself, or after a refresh when its token is (nearly) expired. */
  public CompletionStage<Account> fresh(Account a) {
    OAuthCredential c = credential(a);
    if (!c.needsRefresh(clock.instant())) return CompletableFuture.completedFuture(a);
    return refresh(a.id(), c.accessToken(), false);
  }

  /**
   * The account with an access token other than {@code rejected} (the upstream answered 401 to it,
   * or an operator asked for a refresh): refreshed now unless someone already replaced that token.
   */
  public CompletionStage<Account> replace(Account a, String rejected) {
    return refresh(a.id(), rejected, true);
  }

  private CompletionStage<Account> refresh(String id, String stale, boolean force) {
    CompletableFuture<Account> mine = new CompletableFuture<>();
    CompletableFuture<Account> running = inFlight.putIfAbsent(id, mine);
    if (running != null) return running;
    String owner = node + ":" + UUID.randomUUID();
    String lockName = "oauth-refresh:" + id;
    lock.tryLock(lockName, owner, LOCK_TTL)
        .thenCompose(held -> held
            ? refreshHolding(id, stale, force).whenComplete((x, e) -> lock.unlock(lockName, owner))
            : awaitOther(id, stale, force, clock.instant().plus(MAX_WAIT)))
        .whenComplete((account, err) -> {
          inFlight.remove(id, mine);
          if (err != null) mine.completeExceptionally(unwrap(err));
          else mine.complete(account);
        });
    return mine;
  }

  private boolean stillNeeded(OAuthCredential c, String stale, boolean force) {
    return force ? c.accessToken().equals(stale) : c.needsRefresh(clock.instant());
  }

  private CompletionStage<Account> refreshHolding(String id, String stale, boolean force) {
    return current(id).thenCompose(a -> {
      OAuthCredential c = credential(a);
      if (!stillNeeded(c, stale, force)) return CompletableFuture.completedFuture(a);
      if (c.refreshToken().isEmpty()) return markError(a, "no refresh token to renew the access token with");
      ProxyOptions proxy;
      try {
        proxy = proxies.of(a);
      } catch (AccountProxies.UnusableProxyException unusable) {
        // The account itself may be fine: not marked error, this request just cannot use it.
        return CompletableFuture.<Account>failedFuture(new RefreshFailedException(unusable.getMessage()));
      }
      LOG.info("refreshing the access token of account {} (refresh token {})", id, Redact.keyPrefix(c.refreshToken()));
      return tokens.refresh(c.refreshToken(), proxy).toCompletionStage()
          .handle((grant, err) -> {
            if (err != null) {
              observer.oauthRefresh(id, false, "token refresh failed");
              return markError(a, "token refresh failed: " + unwrap(err).getMessage());
            }
            observer.oauthRefresh(id, true, null);
            Instant now = clock.instant();
            OAuthCredential renewed = c.refreshed(grant, now);
            // A working token ends an earlier refresh error; it does not lift a block the upstream reported.
            boolean revived = a.status() == AccountStatus.ERROR || a.status() == AccountStatus.CREATED
                || a.status() == AccountStatus.ACTIVE;
            Account updated = new Account(a.id(), a.type(), a.name(), a.description(), a.baseUrl(),
                cipher.encrypt(OAuthCredentialJson.write(renewed)), a.priority(), a.active(), a.schedulable(),
                revived ? AccountStatus.ACTIVE : a.status(), revived ? "" : a.errorMessage(), a.models(),
                a.maxConcurrency(), a.dailyQuotaMicros(), a.dedicated(), a.groups(),
                a.proxy(), a.createdAt(), now, a.options(), a.protections());
            LOG.info("account {} has a new access token, valid until {}", id, renewed.expiresAt());
            return accounts.save(updated).thenCompose(v -> state.recordPlan(id, renewed.plan()))
                .thenApply(v -> updated);
          })
          .thenCompose(x -> x);
    });
  }

  private CompletionStage<Account> markError(Account a, String reason) {
    LOG.warn("account {} taken out of the pool: {}", a.id(), reason);
    return accounts.save(a.withStatus(AccountStatus.ERROR, reason, clock.instant()))
        .thenCompose(v -> CompletableFuture.failedFuture(new RefreshFailedException(reason)));
  }

  /** Another node holds the lock: re-read the account until its token changed or it went into error. */
  private CompletionStage<Account> awaitOther(String id, String stale, boolean force, Instant deadline) {
    return sleep(POLL).thenCompose(v -> current(id)).thenCompose(a -> {
      if (a.status() == AccountStatus.ERROR) {
        return CompletableFuture.failedFuture(new RefreshFailedException(a.errorMessage()));
      }
      if (!stillNeeded(credential(a), stale, force)) return CompletableFuture.completedFuture(a);
      if (clock.instant().isAfter(deadline)) {
        return CompletableFuture
            .failedFuture(new RefreshFailedException("another node's token refresh did not finish"));
      }
      return awaitOther(id, stale, force, deadline);
    });
  }

  private CompletionStage<Account> current(String id) {
    return accounts.findById(id)
        .thenCompose(found -> found.<CompletionStage<Account>>map(CompletableFuture::completedFuture)
            .orElseGet(() -> CompletableFuture.failedFuture(new RefreshFailedException("the account was deleted"))));
  }

  private CompletionStage<Void> sleep(Duration d) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.setTimer(Math.max(1, d.toMillis()), t -> done.complete(null));
    return done;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) e = e.getCause();
    return e;
  }
}
