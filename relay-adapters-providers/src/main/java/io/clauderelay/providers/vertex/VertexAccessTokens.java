package io.clauderelay.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.Future;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Vertx;
import io.vertx.core.net.ProxyOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access tokens for service accounts, from Google's auth library (a signed JWT assertion exchanged
 * at the key's {@code token_uri}). The library's fetch blocks, so it runs on a worker thread, never
 * the event loop. A token is cached per key file and reused until it is within
 * {@link #REFRESH_AHEAD} of its expiry; requests that need one while it is being fetched share that
 * fetch. A failed fetch is not cached: the next request tries again.
 */
public final class VertexAccessTokens {
  /** Google's tokens last an hour; a new one is fetched this long before the old one ends. */
  public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
  static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
  /** A token without an expiry is kept this long (Google's usual lifetime). */
  private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  /** A fetch that failed; the message is the library's, which names the endpoint's answer, never the key. */
  public static final class TokenFetchFailed extends RuntimeException {
    TokenFetchFailed(String message) {
      super(message, null, false, false);
    }
  }

  private record Token(String value, Instant expiresAt) {}

  private final Vertx vertx;
  private final UpstreamHttp http;
  private final Clock clock;
  /** By the SHA-256 of the key file: a changed key is a new entry, and no key is kept in clear here. */
  private final Map<String, Future<Token>> byKey = new ConcurrentHashMap<>();
  private final AtomicLong fetches = new AtomicLong();

  /** Token requests go out on {@code http}, through the account's proxy like its other calls. */
  public VertexAccessTokens(Vertx vertx, UpstreamHttp http, Clock clock) {
    this.vertx = vertx;
    this.http = http;
    this.clock = clock;
  }

  /** A token for the key file {@code serviceAccountJson}: the cached one, or one fetched now through {@code proxy} (null: direct). */
  public Future<String> token(String serviceAccountJson, ProxyOptions proxy) {
    String id = digest(serviceAccountJson);
    Future<Token> known = byKey.get(id);
    if (known != null && usable(known)) return known.map(Token::value);
    // Atomic per key: of requests arriving together on several event loops, one starts the fetch.
    Future<Token> current = byKey.compute(id, (k, old) -> old != null && usable(old)
        ? old
        : vertx.executeBlocking(() -> fetch(serviceAccountJson, proxy), false));
    current.onFailure(err -> byKey.remove(id, current));
    return current.map(Token::value);
  }

  /** Drops the token that the upstream refused (HTTP 401), so the next request fetches a new one. */
  public void forget(String serviceAccountJson, String rejected) {
    String id = digest(serviceAccountJson);
    Future<Token> known = byKey.get(id);
    if (known != null && known.succeeded() && known.result().value().equals(rejected)) byKey.remove(id, known);
  }

  /** How many tokens have been asked of token endpoints since start (for tests and metrics). */
  public long fetches() {
    return fetches.get();
  }

  /** Pending (shared) or good for longer than {@link #REFRESH_AHEAD}. */
  private boolean usable(Future<Token> f) {
    if (!f.isComplete()) return true;
    return f.succeeded() && clock.instant().plus(REFRESH_AHEAD).isBefore(f.result().expiresAt());
  }

  private Token fetch(String serviceAccountJson, ProxyOptions proxy) {
    fetches.incrementAndGet();
    try {
      GoogleCredentials credentials = ServiceAccountKey
          .credentials(serviceAccountJson, () -> new VertxHttpTransport(http, proxy)).createScoped(SCOPES);
      AccessToken token = credentials.refreshAccessToken();
      Instant expires = token.getExpirationTime() == null
          ? clock.instant().plus(ASSUMED_LIFETIME)
          : token.getExpirationTime().toInstant();
      return new Token(token.getTokenValue(), expires);
    } catch (Exception e) {
      throw new TokenFetchFailed("service account token request failed: " + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static String digest(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
