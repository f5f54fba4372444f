package io.clauderelay.server.relay;

import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.admission.QueueEntry;
import io.clauderelay.domain.admission.QueuePolicy;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AdmissionQueue;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.observe.RelayObserver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Waiting for a key's concurrency slot instead of an immediate 429 (issue 20): a request over the
 * limit takes a ticket in the key's cluster-wide line ({@link AdmissionQueue}) and tries its lease
 * only when first in line, so requests are served in arrival order on every node. A waiter is woken
 * when a lease of its key is freed on any node (the invalidation bus, kind {@value #KIND}) and
 * looks again every {@link #POLL} anyway (a lost message, a dead node's expired lease). A client
 * that leaves while waiting gives its ticket up at once; nothing is sent to it while it waits.
 */
public final class AdmissionLine {
  static final String KIND = "queue";
  static final Duration POLL = Duration.ofMillis(500);

  private final AdmissionQueue queue;
  private final AdmissionStore admission;
  private final BiConsumer<String, String> publish;
  private final Clock clock;
  private final RelayObserver observer;
  private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * @param admission frees a lease taken by a waiter that ended meanwhile
   * @param publish tells the other nodes (kind, key id) that a slot of the key was freed */
  public AdmissionLine(AdmissionQueue queue, AdmissionStore admission, BiConsumer<String, String> publish, Clock clock,
      RelayObserver observer) {
    this.queue = queue;
    this.admission = admission;
    this.publish = publish;
    this.clock = clock;
    this.observer = observer;
  }

  /** Requests waiting in a line on this node now (a gauge). */
  public int waiting() {
    return waiting.get();
  }

  /** How many wait on the key across the cluster (the key's page). */
  public Future<Integer> length(String keyId) {
    return Async.from(queue.length(keyId, clock.instant()));
  }

  /** Another node freed a slot of a key (or, "*", anything may have been missed): wake its waiters here. */
  public void onRemote(String kind, String id) {
    if ("*".equals(kind) || "*".equals(id)) waiters.keySet().forEach(this::wakeLocal);
    else if (KIND.equals(kind)) wakeLocal(id);
  }

  /** A lease of the key was freed here: the first in line, on whichever node, may take it. */
  void freed(String keyId) {
    wakeLocal(keyId);
    publish.accept(KIND, keyId);
  }

  private void wakeLocal(String keyId) {
    Set<Waiter> set = waiters.get(keyId);
    if (set != null) set.forEach(w -> w.call.context.runOnContext(v -> w.look()));
  }

  /**
   * Admits {@code call} under {@code policy}: straight through {@code admit} when queueing is off,
   * the key has no concurrency limit or nobody waits; otherwise (and after a concurrency refusal)
   * in line. Answers the admission, or the refusal: a full line or a wait past the timeout is the
   * usual concurrency 429 with Retry-After; a client gone while waiting fails with {@link ClientGone}.
   */
  Future<AdmissionResult> admit(RelayCall call, QueuePolicy policy, Supplier<Future<AdmissionResult>> admit) {
    if (!policy.enabled() || call.key.limits().concurrency() == 0) return admit.get();
    call.queued = true;
    Instant now = clock.instant();
    Instant deadline = now.plus(policy.timeout());
    String keyId = call.key.id();
    return Async.from(queue.enter(keyId, call.requestId, policy.maxSize(), now, deadline, false)).compose(entry -> {
      if (entry instanceof QueueEntry.Pass) {
        return admit.get().compose(result -> isConcurrencyRefusal(result)
            ? Async.from(queue.enter(keyId, call.requestId, policy.maxSize(), clock.instant(), deadline, true))
                .compose(again -> inLine(call, again, policy, admit, (AdmissionResult.Rejected) result))
            : Future.succeededFuture(result));
      }
      return inLine(call, entry, policy, admit, null);
    });
  }

  private Future<AdmissionResult> inLine(RelayCall call, QueueEntry entry, QueuePolicy policy,
      Supplier<Future<AdmissionResult>> admit, AdmissionResult.Rejected refusal) {
    if (entry instanceof QueueEntry.Full full) {
      observer.queueWaited(Duration.ZERO, "full");
      return Future.succeededFuture(refusal != null ? refusal : overLimit(call, full.length()));
    }
    Waiter w = new Waiter(call, admit, refusal);
    w.start(policy.timeout());
    return w.done.future();
  }

  private static boolean isConcurrencyRefusal(AdmissionResult r) {
    return r instanceof AdmissionResult.Rejected rej && rej.failure().kind() == FailureKind.POLICY_CONCURRENCY_LIMIT;
  }

  private static AdmissionResult.Rejected overLimit(RelayCall call, int waiting) {
    int limit = call.key.limits().concurrency();
    return new AdmissionResult.Rejected(Failure.of(FailureKind.POLICY_CONCURRENCY_LIMIT,
        "Too many concurrent requests. Limit: " + limit + " concurrent requests, and the queue is full")
        .withDetail("concurrencyLimit", limit).withDetail("queued", waiting).withRetryAfter(1));
  }

  /** The client went away while waiting in line; nothing is answered. */
  static final class ClientGone extends RuntimeException {
    ClientGone() {
      super("client gone while waiting for a concurrency slot", null, false, false);
    }
  }

  /** One request in line, confined to its event loop. */
  private final class Waiter {
    final RelayCall call;
    final Supplier<Future<AdmissionResult>> admit;
    final Promise<AdmissionResult> done = Promise.promise();
    final long startNanos = System.nanoTime();
    AdmissionResult.Rejected lastRefusal;
    long pollTimer = -1;
    long deadlineTimer = -1;
    boolean looking;
    boolean lookAgain;
    boolean finished;

    Waiter(RelayCall call, Supplier<Future<AdmissionResult>> admit, AdmissionResult.Rejected refusal) {
      this.call = call;
      this.admit = admit;
      this.lastRefusal = refusal;
    }

    void start(Duration timeout) {
      waiting.incrementAndGet();
      waiters.computeIfAbsent(call.key.id(), k -> ConcurrentHashMap.newKeySet()).add(this);
      call.onGoneWhileQueued = this::gone;
      var vertx = call.context.owner();
      pollTimer = vertx.setPeriodic(POLL.toMillis(), id -> look());
      deadlineTimer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> end("timeout",
          lastRefusal != null ? lastRefusal : overLimit(call, 0), null));
      look();
    }

    /** Am I first in line? Then try the lease; a concurrency refusal keeps the place. */
    void look() {
      if (finished) return;
      if (call.clientGone) {
        gone();
        return;
      }
      if (looking) {
        lookAgain = true;
        return;
      }
      looking = true;
      Async.from(queue.ahead(call.key.id(), call.requestId, clock.instant())).compose(ahead -> {
        if (finished || ahead != 0) return Future.succeededFuture((AdmissionResult) null);
        return admit.get();
      }).onComplete(ar -> {
        looking = false;
        if (finished) {
          // Ended (client gone, timeout) while the lease was being taken: give it straight back.
          if (ar.succeeded() && ar.result() instanceof AdmissionResult.Admitted late) {
            Async.from(admission.release(call.key.id(), late.leaseId())).onComplete(x -> freed(call.key.id()));
          }
          return;
        }
        if (ar.failed()) {
          end("error", null, ar.cause());
          return;
        }
        AdmissionResult r = ar.result();
        if (r instanceof AdmissionResult.Admitted) end("admitted", r, null);
        else if (r != null && !isConcurrencyRefusal(r)) end("refused", r, null);
        else {
          if (r != null) lastRefusal = (AdmissionResult.Rejected) r;
          if (lookAgain) {
            lookAgain = false;
            look();
          }
        }
      });
    }

    void gone() {
      end("gone", null, new ClientGone());
    }

    void end(String outcome, AdmissionResult result, Throwable error) {
      if (finished) return;
      finished = true;
      waiting.decrementAndGet();
      call.onGoneWhileQueued = null;
      call.context.owner().cancelTimer(pollTimer);
      call.context.owner().cancelTimer(deadlineTimer);
      Set<Waiter> set = waiters.get(call.key.id());
      if (set != null) {
        set.remove(this);
        if (set.isEmpty()) waiters.remove(call.key.id(), set);
      }
      observer.queueWaited(Duration.ofNanos(System.nanoTime() - startNanos), outcome);
      // Leaving moves everyone behind up: the next in line (on any node) looks again.
      Async.from(queue.leave(call.key.id(), call.requestId)).onComplete(ar -> freed(call.key.id()));
      if (error != null) done.fail(error);
      else done.complete(result);
    }
  }
}
