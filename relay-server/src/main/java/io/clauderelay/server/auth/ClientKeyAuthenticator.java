package io.clauderelay.server.auth;

import io.clauderelay.crypto.crs.CrsKeyHasher;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Finds the relay key of a request: read from the headers in the SPEC §4 order, hashed, and
 * looked up through a short node-local cache so the hot path rarely touches the store. A key that
 * CRS issued (imported by {@code import-crs}) is found by CRS's hash once and moves to ours then.
 */
public final class ClientKeyAuthenticator {
  private static final int MAX_CACHED = 50_000;
  private static final long STALE_GRACE_NANOS = Duration.ofSeconds(60).toNanos();

  private record Cached(ApiKey key, long expiresAtNanos) {}

  private final ApiKeyStore store;
  private final KeyHasher hasher;
  private final String prefix;
  private final long ttlNanos;
  private final CrsKeyHasher legacy;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ClientKeyAuthenticator(ApiKeyStore store, KeyHasher hasher, String prefix, Duration cacheTtl) {
    this(store, hasher, prefix, cacheTtl, null);
  }

  /** {@code legacy} (nullable) recognises keys CRS issued under its own hash. */
  public ClientKeyAuthenticator(ApiKeyStore store, KeyHasher hasher, String prefix, Duration cacheTtl,
      CrsKeyHasher legacy) {
    this.store = store;
    this.hasher = hasher;
    this.prefix = prefix;
    this.ttlNanos = cacheTtl.toNanos();
    this.legacy = legacy;
  }

  /** The presented key, or null: x-api-key, Bearer, x-goog-api-key, api-key, then ?key=. */
  public static String extract(HttpServerRequest req) {
    return extract(req::getHeader, req::getParam);
  }

  /** As {@link #extract(HttpServerRequest)}, over any request's headers and query parameters. */
  public static String extract(UnaryOperator<String> header, UnaryOperator<String> param) {
    String v = nonEmpty(header.apply("x-api-key"));
    if (v == null) {
      String auth = nonEmpty(header.apply("authorization"));
      if (auth != null) v = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? nonEmpty(auth.substring(7)) : auth.trim();
    }
    if (v == null) v = nonEmpty(header.apply("x-goog-api-key"));
    if (v == null) v = nonEmpty(header.apply("api-key"));
    if (v == null) v = nonEmpty(param.apply("key"));
    return v;
  }

  public Future<ApiKey> authenticate(HttpServerRequest req) {
    return authenticate(extract(req));
  }

  /** The key presented (null: none was), looked up; a missing key fails with 401. */
  public Future<ApiKey> authenticate(String presented) {
    if (presented == null) {
      return Future.failedFuture(new FailureException(Failure.of(FailureKind.AUTH_MISSING_KEY,
          "Missing API key: send it in the x-api-key header or as Authorization: Bearer")));
    }
    return lookup(presented);
  }

  /** Looks a plaintext key up (also used by the self-service stats page). */
  public Future<ApiKey> lookup(String presented) {
    if (presented.length() < 10 || presented.length() > 512 || !presented.startsWith(prefix)) {
      return Future
          .failedFuture(new FailureException(Failure.of(FailureKind.AUTH_INVALID_KEY, "Invalid API key format")));
    }
    String hash = hasher.hash(presented);
    long now = System.nanoTime();
    Cached hit = cache.get(hash);
    if (hit != null && hit.expiresAtNanos - now > 0) return Future.succeededFuture(hit.key);
    return Async.from(findByHash(presented, hash)).recover(storeDown -> {
      // While the store is away (a Sentinel failover), a key we knew a moment ago is still good.
      if (hit != null && now - hit.expiresAtNanos < STALE_GRACE_NANOS)
        return Future.succeededFuture(Optional.of(hit.key));
      return Future.failedFuture(new FailureException(Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE,
          "The relay's store is unavailable; retry shortly").withRetryAfter(2)));
    }).compose(found -> {
      if (found.isEmpty() || found.get().deleted()) {
        cache.remove(hash);
        return Future.failedFuture(new FailureException(Failure.of(FailureKind.AUTH_INVALID_KEY, "Invalid API key")));
      }
      if (cache.size() >= MAX_CACHED) cache.clear();
      cache.put(hash, new Cached(found.get(), System.nanoTime() + ttlNanos));
      return Future.succeededFuture(found.get());
    });
  }

  /**
   * Our hash first; on a miss, CRS's hash of an imported key, which is then saved under our hash (same
   * id, so its usage and limits stay one key's) and so found by ours on every node from then on.
   */
  private java.util.concurrent.CompletionStage<Optional<ApiKey>> findByHash(String presented, String hash) {
    return store.findByHash(hash).thenCompose(found -> {
      if (found.isPresent() || legacy == null) return java.util.concurrent.CompletableFuture.completedFuture(found);
      return store.findByHash(legacy.legacyHashOf(presented)).thenCompose(old -> {
        if (old.isEmpty() || old.get().deleted()) return java.util.concurrent.CompletableFuture.completedFuture(old);
        ApiKey moved = old.get().toBuilder().hash(hash).build();
        return store.save(moved).thenApply(v -> Optional.of(moved));
      });
    });
  }

  /** Drops a changed key from this node's cache (admin edits, activation). */
  public void invalidate(String keyId) {
    cache.values().removeIf(c -> c.key.id().equals(keyId));
  }

  public void invalidateAll() {
    cache.clear();
  }

  private static String nonEmpty(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
