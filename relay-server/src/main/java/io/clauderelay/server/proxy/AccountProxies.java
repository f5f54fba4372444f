package io.clauderelay.server.proxy;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.ProxySpec;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.common.UpstreamProxy;
import io.vertx.core.net.ProxyOptions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vert.x proxy options of an account's requests, decrypted and parsed once per stored value
 * (the hot path only looks them up; an account without a proxy costs one emptiness check). One
 * options object per proxy also keeps Vert.x's pool for that proxy and host a single pool.
 */
public final class AccountProxies {
  /** Stored values change only when an operator edits a proxy; the bound only stops unbounded growth. */
  private static final int MAX_ENTRIES = 4096;
  /** How long reaching the proxy and its handshake may take, like a direct connection's connect timeout. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A proxy that is configured but cannot be used: the account is unreachable, never reached directly. */
  public static final class UnusableProxyException extends RuntimeException {
    UnusableProxyException(String message) {
      super(message, null, false, false);
    }
  }

  private final SecretCipher cipher;
  /** Stored value → ProxyOptions, or the problem (a String) that makes it unusable. */
  private final ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();

  public AccountProxies(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * The account's proxy, or null when it has none.
   *
   * @throws UnusableProxyException when its stored proxy cannot be read; the message names the account, not the proxy
   */
  public ProxyOptions of(Account a) {
    String stored = a.proxy();
    if (stored.isEmpty()) return null;
    Object resolved = cache.get(stored);
    if (resolved == null) {
      if (cache.size() >= MAX_ENTRIES) cache.clear();
      resolved = cache.computeIfAbsent(stored, this::resolve);
    }
    if (resolved instanceof ProxyOptions options) return options;
    throw new UnusableProxyException("the proxy of account " + a.id() + " " + resolved);
  }

  private Object resolve(String stored) {
    ProxySpec.Result r = StoredProxy.open(stored, cipher);
    if (r instanceof ProxySpec.Valid v) return UpstreamProxy.options(v.spec(), CONNECT_TIMEOUT);
    return ((ProxySpec.Invalid) r).problem();
  }
}
