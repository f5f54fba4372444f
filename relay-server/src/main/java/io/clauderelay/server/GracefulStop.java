package io.clauderelay.server;

import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.server.http.ShutdownGate;
import io.clauderelay.server.relay.InFlight;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node's graceful stop: close the gate, let requests in flight finish, settle what is held, close. */
final class GracefulStop {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
  /**
   * How long a stopping node keeps trying to write usage it still holds (a failover takes ~7 s): up to
   * 10 s, but not past grace + 5 s from the signal, and at least 2 s. With the 30 s grace the whole stop
   * stays under Docker's 40 s stop_grace_period.
   */
  private static final Duration SETTLE_MAX = Duration.ofSeconds(10);
  private static final Duration SETTLE_MIN = Duration.ofSeconds(2);
  private static final Duration SETTLE_AFTER_GRACE = Duration.ofSeconds(5);

  private GracefulStop() {}

  /**
   * Graceful stop: new requests get 503 (Nginx retries them elsewhere), requests in flight get up
   * to {@code grace} to finish and settle, then everything closes.
   */
  static void run(Vertx vertx, ShutdownGate gate, InFlight inFlight, Duration grace, Consumer<Duration> onStop) {
    long started = System.nanoTime();
    gate.close();
    LOG.info("graceful stop: new requests get 503, waiting up to {} s for {} in flight", grace.toSeconds(),
        inFlight.count());
    awaitIdle(inFlight, grace);
    if (inFlight.count() > 0) {
      // Past the bound: cut what is left; each cut request still settles what it used and frees its lease.
      LOG.warn("stopping with {} requests still in flight: cancelling them", inFlight.count());
      inFlight.abortAll();
      awaitIdle(inFlight, Duration.ofSeconds(3));
    }
    Duration sinceSignal = Duration.ofNanos(System.nanoTime() - started);
    Duration settle = grace.plus(SETTLE_AFTER_GRACE).minus(sinceSignal);
    settle = settle.compareTo(SETTLE_MAX) > 0 ? SETTLE_MAX : settle.compareTo(SETTLE_MIN) < 0 ? SETTLE_MIN : settle;
    try {
      onStop.accept(settle);
    } catch (RuntimeException e) {
      LOG.error("graceful stop: cleanup failed", e);
    }
    try {
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("graceful stop: Vert.x did not close within 5 s");
    }
    LOG.info("graceful stop: done in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /**
   * Waits, up to {@code bound}, until every settlement has landed in the store: those still on their
   * way (their requests already left the in-flight set) and those journaled while the store was away,
   * replayed until the store takes them (it may be mid-failover).
   */
  static void settleAll(JournalingUsageLedger ledger, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (ledger.pending() > 0) {
        bounded("replaying usage", ledger.replay().toCompletableFuture(),
            Duration.ofNanos(deadline - System.nanoTime()));
      }
      if (ledger.writing() == 0 && ledger.pending() == 0) return;
      sleep(ledger.pending() > 0 ? 250 : 20);
    }
    if (ledger.writing() + ledger.pending() > 0) {
      LOG.error("stopping with {} usage settlements not yet written ({} journaled, {} unanswered)",
          ledger.writing() + ledger.pending(), ledger.pending(), ledger.writing());
    }
  }

  static void bounded(String what, CompletableFuture<?> f, Duration bound) {
    try {
      f.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("graceful stop: {} took longer than {} ms; going on", what, bound.toMillis());
    } catch (ExecutionException e) {
      LOG.warn("graceful stop: {} failed: {}", what, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitIdle(InFlight inFlight, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (inFlight.count() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
