package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.UpstreamFailureClass;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.proxy.AccountProxies;
import io.vertx.core.Future;
import io.vertx.core.net.ProxyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a chosen account into its {@link UpstreamTarget}: how it authenticates (an API key, or a
 * subscription's fresh OAuth token), its base URL, decrypted credential and proxy. The one place
 * that knows, so no route can send an account's credential the wrong way.
 */
public final class UpstreamTargets {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamTargets.class);

  /** The outcome of resolving one account. */
  sealed interface Resolved {}

  /** Ready to send; {@code account} is the current version (a refreshed subscription's new token). */
  record Ready(Account account, UpstreamTarget target) implements Resolved {}

  /** The account cannot be used as configured (undecryptable credential, unusable proxy): cool it down. */
  record Unusable(UpstreamFailureClass failure, int status, String message) implements Resolved {}

  /** A subscription without a usable token: the refresher has already taken it out of the pool. */
  record NoToken(String reason) implements Resolved {}

  private final SecretCipher cipher;
  /** Null where subscription accounts are not enabled. */
  private final ClaudeOAuthAccounts oauth;
  private final AccountProxies proxies;

  public UpstreamTargets(SecretCipher cipher, ClaudeOAuthAccounts oauth, AccountProxies proxies) {
    this.cipher = cipher;
    this.oauth = oauth;
    this.proxies = proxies;
  }

  Future<Resolved> resolve(Account account) {
    if (account.type() == AccountType.CLAUDE_OAUTH) {
      return subscription(oauth == null
          ? Future.failedFuture(new IllegalStateException("subscription accounts are not enabled"))
          : Async.from(oauth.fresh(account)));
    }
    String credential;
    try {
      credential = cipher.decrypt(account.credential());
    } catch (IllegalArgumentException undecryptable) {
      LOG.error("account {} credential cannot be decrypted with this ENCRYPTION_KEY", account.id());
      return Future
          .succeededFuture(new Unusable(UpstreamFailureClass.AUTH, 502, "Upstream account credential unusable"));
    }
    if (account.type() == AccountType.BEDROCK) {
      try {
        BedrockCredential.parse(credential);
      } catch (IllegalArgumentException unreadable) {
        LOG.error("account {}: its Bedrock credential is unreadable", account.id());
        return Future
            .succeededFuture(new Unusable(UpstreamFailureClass.AUTH, 502, "Upstream account credential unusable"));
      }
    }
    return Future.succeededFuture(target(account, kindOf(account.type()), credential));
  }

  /** How a stored (non-subscription) credential goes upstream, by the account's type. */
  private static UpstreamTarget.CredentialKind kindOf(AccountType type) {
    return switch (type) {
      case AZURE_OPENAI -> UpstreamTarget.CredentialKind.AZURE_API_KEY;
      case VERTEX -> UpstreamTarget.CredentialKind.GOOGLE_SERVICE_ACCOUNT;
      case BEDROCK -> UpstreamTarget.CredentialKind.BEDROCK;
      default -> UpstreamTarget.CredentialKind.API_KEY;
    };
  }

  /** A new token after the upstream rejected {@code rejectedToken} with 401, on the same account. */
  Future<Resolved> afterRejected(Account account, String rejectedToken) {
    return subscription(Async.from(oauth.replace(account, rejectedToken)));
  }

  private Future<Resolved> subscription(Future<Account> fresh) {
    return fresh.<Resolved>map(account -> target(account, UpstreamTarget.CredentialKind.OAUTH_BEARER,
        oauth.target(account).credential()))
        .otherwise(err -> new NoToken(String.valueOf(err.getMessage())));
  }

  private Resolved target(Account account, UpstreamTarget.CredentialKind kind, String credential) {
    ProxyOptions proxy;
    try {
      proxy = proxies.of(account);
    } catch (AccountProxies.UnusableProxyException unusable) {
      // Never around the proxy: going direct could expose the relay's address to the upstream.
      LOG.error("account {}: {}", account.id(), unusable.getMessage());
      return new Unusable(UpstreamFailureClass.UNREACHABLE, 502, "Upstream could not be reached");
    }
    return new Ready(account, new UpstreamTarget(kind, account.baseUrl(), credential, proxy, account.options()));
  }
}
