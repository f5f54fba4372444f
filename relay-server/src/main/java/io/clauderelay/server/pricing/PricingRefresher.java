package io.clauderelay.server.pricing;

import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.pricing.PriceFile;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.oauth.ClusterLock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the live price catalog current from {@code PRICING_URL}: at start and every
 * {@code PRICING_REFRESH_MINUTES} one node (the holder of the cluster lock) fetches the file and
 * stores it in the shared store; every node polls the stored file's stamp each minute and loads a
 * new one. A file that cannot be fetched or parsed, or prices nothing, is logged and the last good
 * catalog stays.
 */
public final class PricingRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(PricingRefresher.class);
  private static final String LOCK = "pricing-refresh";
  /** Fences a node that died mid-fetch, and spaces out retries after a failed fetch. */
  private static final Duration LOCK_TTL = Duration.ofMinutes(2);
  private static final Duration POLL_MAX = Duration.ofMinutes(1);
  private static final long FETCH_TIMEOUT_MS = 30_000;
  /** LiteLLM's whole file is about 1.5 MB; anything far larger is not a price file. */
  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final Optional<URI> url;
  private final Duration interval;
  private final PriceCatalogHolder holder;
  private final SharedPriceFile shared;
  private final ClusterLock lock;
  private final Clock clock;
  private final String node = UUID.randomUUID().toString();
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile PricingStatus status;
  private long timer = -1;

  public PricingRefresher(Vertx vertx, HttpClientAgent http, Optional<URI> url, Duration interval,
      PriceCatalogHolder holder,
      String initialSource, SharedPriceFile shared, ClusterLock lock, Clock clock) {
    this.vertx = vertx;
    this.http = http;
    this.url = url;
    this.interval = interval;
    this.holder = holder;
    this.shared = shared;
    this.lock = lock;
    this.clock = clock;
    this.status = PricingStatus.initial(initialSource, clock.instant(), holder.size());
  }

  /** Checks once now (without delaying the start) and then every minute at most; nothing without a URL. */
  public void start() {
    if (url.isEmpty()) return;
    check();
    long every = Math.min(interval.toMillis(), POLL_MAX.toMillis());
    timer = vertx.setPeriodic(every, id -> check());
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  public PricingStatus status() {
    return status;
  }

  public Optional<URI> url() {
    return url;
  }

  public Duration interval() {
    return interval;
  }

  /** One round: load a newer shared file, then fetch if the shared one is stale and this node holds the lock. */
  Future<Void> check() {
    if (!checking.compareAndSet(false, true)) return Future.succeededFuture();
    String source = url.orElseThrow().toString();
    return Async.from(shared.stamp())
        .compose(stamp -> {
          Future<Void> loaded = stamp.isPresent() && stamp.get().source().equals(source)
              && !stamp.get().sha256().equals(status.sha256()) ? loadShared() : Future.succeededFuture();
          boolean due = stamp.isEmpty() || !stamp.get().source().equals(source)
              || !stamp.get().fetchedAt().plus(interval).isAfter(clock.instant());
          if (!due) return loaded;
          return loaded.compose(v -> Async.from(lock.tryLock(LOCK, node, LOCK_TTL)))
              .compose(mine -> mine ? fetch().<Void>mapEmpty().otherwiseEmpty() : Future.succeededFuture());
        })
        .onFailure(err -> LOG.warn("price catalog check failed (store unavailable?): {}", String.valueOf(err)))
        .onComplete(ar -> checking.set(false));
  }

  /**
   * Fetches {@code PRICING_URL} now, shares the file and installs it; answers what changed. A failed
   * fetch keeps the current catalog, is logged and noted in {@link #status()}, and fails the future.
   */
  public Future<PricingChange> fetch() {
    URI u = url.orElseThrow();
    return download(u)
        .compose(bytes -> vertx.executeBlocking(() -> Parsed.of(bytes)))
        .compose(parsed -> {
          PriceFile file = new PriceFile(new PriceFile.Stamp(u.toString(), clock.instant(), parsed.sha256()),
              parsed.json());
          return Async.from(shared.write(file))
              .recover(err -> {
                LOG.warn("price file from {} not shared with the other nodes: {}", u, String.valueOf(err));
                return Future.succeededFuture();
              })
              .map(v -> install(parsed.catalog(), file.stamp()));
        })
        .onFailure(err -> {
          status = status.failed(err.getMessage() == null ? err.toString() : err.getMessage(), clock.instant());
          LOG.warn("price file {} not used ({}); keeping the {} models from {}", u, status.lastError(), holder.size(),
              status.source());
        });
  }

  private Future<Void> loadShared() {
    return Async.from(shared.read()).compose(file -> {
      if (file.isEmpty()) return Future.succeededFuture();
      return vertx.executeBlocking(() -> Parsed.of(file.get().json().getBytes(StandardCharsets.UTF_8)))
          .map(parsed -> {
            install(parsed.catalog(), file.get().stamp());
            return (Void) null;
          })
          .onFailure(
              err -> LOG.warn("shared price file {} unusable ({}); keeping the current catalog", file.get().stamp(),
                  String.valueOf(err)));
    });
  }

  private PricingChange install(PriceCatalog next, PriceFile.Stamp stamp) {
    PriceCatalog previous = holder.current();
    PricingChange change = PricingChange.between(previous, next);
    if (!stamp.sha256().equals(status.sha256())) holder.replace(next);
    status = PricingStatus.loaded(stamp, next.size());
    LOG.info("price catalog from {}: {} models ({} added, {} removed, {} changed)", stamp.source(), next.size(),
        change.added().size(), change.removed().size(), change.changed().size());
    return change;
  }

  private Future<byte[]> download(URI u) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(u.toString())
        .setConnectTimeout(FETCH_TIMEOUT_MS).setIdleTimeout(FETCH_TIMEOUT_MS).putHeader("accept", "application/json");
    return http.request(options)
        .compose(req -> req.send())
        .compose(resp -> tooLarge(resp)
            ? Future.failedFuture("the file is over " + MAX_BYTES + " bytes")
            : resp.body().compose(body -> resp.statusCode() == 200
                ? Future.succeededFuture(body)
                : Future.failedFuture("HTTP " + resp.statusCode())))
        .compose(body -> body.length() > MAX_BYTES
            ? Future.failedFuture("the file is over " + MAX_BYTES + " bytes")
            : Future.succeededFuture(body))
        .map(Buffer::getBytes);
  }

  private static boolean tooLarge(HttpClientResponse resp) {
    String length = resp.getHeader("content-length");
    try {
      return length != null && Long.parseLong(length.trim()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A parsed file: its catalog, SHA-256 and text. Throws when it is not a price file or prices nothing. */
  private record Parsed(PriceCatalog catalog, String sha256, String json) {
    static Parsed of(byte[] bytes) {
      PriceCatalog catalog = LiteLlmPriceFile.parse(new ByteArrayInputStream(bytes));
      if (catalog.size() == 0) throw new IllegalArgumentException("the file prices no model");
      try {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Parsed(catalog, sha, new String(bytes, StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }
  }
}
