package io.clauderelay.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs commands, pipelined batches and Lua scripts, each bounded by a timeout: on the calling event
 * loop's own pipelined connection ({@link LoopConnections}), or on the pooled client off the event
 * loops. Only commands that never reached Redis are retried (with a short backoff): a failed connect,
 * or a command the client refused on a closed connection, so even a non-idempotent script cannot
 * run twice. That is how a Sentinel failover is ridden out: connects to the dead master are refused
 * until the client's topology shows the new one.
 */
public final class RedisCommands {
  private static final long FIRST_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 500;

  private final Vertx vertx;
  private final Redis redis;
  private final Redis laneClient;
  private final LoopConnections loops;
  private final long timeoutMs;
  private final int connectRetries;
  /** On a Cluster a batch may span slots (so nodes): its commands go out one by one, each to its slot's master. */
  private final boolean cluster;
  private Context offLoopContext;

  /** One standalone server's client for both the pool and the event loops' connections. */
  public RedisCommands(Vertx vertx, Redis redis, Duration timeout, int connectRetries) {
    this(vertx, redis, redis, LoopConnections.MasterCheck.STANDALONE, timeout, connectRetries, false);
  }

  /**
   * {@code laneClient} gives the event loops their long-lived connections, so they take no pool
   * slot; {@code masterCheck} vets each of them before use.
   */
  RedisCommands(Vertx vertx, Redis redis, Redis laneClient, LoopConnections.MasterCheck masterCheck,
      Duration timeout, int connectRetries, boolean cluster) {
    this.cluster = cluster;
    this.vertx = vertx;
    this.redis = redis;
    this.laneClient = laneClient;
    this.timeoutMs = timeout.toMillis();
    this.loops = new LoopConnections(laneClient, timeoutMs, masterCheck);
    this.connectRetries = connectRetries;
  }

  public CompletionStage<Response> send(Request request) {
    return send(() -> request);
  }

  /** Sends a fresh request per attempt (a request may not be reusable once written). */
  public CompletionStage<Response> send(Supplier<Request> request) {
    return withRetry(() -> sendNow(request.get()), 0).toCompletionStage();
  }

  /**
   * One attempt, no connect retry, bounded by the command timeout: for probes (health), which must
   * report a dead Redis promptly rather than ride out a failover.
   */
  public CompletionStage<Response> sendOnce(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS).toCompletionStage();
  }

  /** Several commands in one round trip on one connection; not atomic. */
  public CompletionStage<List<Response>> batch(Supplier<List<Request>> requests) {
    return withRetry(() -> batchNow(requests.get()), 0).toCompletionStage();
  }

  /** EVALSHA, falling back to EVAL (which also caches the script) when Redis answers NOSCRIPT. */
  public CompletionStage<Response> eval(LuaScript script, List<String> keys, List<String> args) {
    return withRetry(() -> sendNow(scriptRequest(Command.EVALSHA, script.sha(), keys, args))
        .recover(err -> isNoScript(err)
            ? sendNow(scriptRequest(Command.EVAL, script.source(), keys, args))
            : Future.failedFuture(err)),
        0).toCompletionStage();
  }

  /** One script invocation, sent as EVALSHA or, after a NOSCRIPT, as EVAL. */
  public record ScriptCall(LuaScript script, List<String> keys, List<String> args) {
    public Request request(boolean bySha) {
      return bySha
          ? scriptRequest(Command.EVALSHA, script.sha(), keys, args)
          : scriptRequest(Command.EVAL, script.source(), keys, args);
    }
  }

  /**
   * Scripts (and plain commands) in one pipelined round trip; not atomic across them. {@code build}
   * makes the batch with EVALSHA ({@code true}) or EVAL ({@code false}): if Redis answers NOSCRIPT
   * for any script (an emptied script cache), the whole batch is sent again with EVAL, so every
   * command in it must be safe to repeat (the ledger's scripts recognise a repeat by a per-call nonce).
   */
  public CompletionStage<List<Response>> evalBatch(Function<Boolean, List<Request>> build) {
    return withRetry(() -> batchNow(build.apply(true)).compose(rs -> {
      for (Response r : rs) {
        if (r != null && r.type() == ResponseType.ERROR && isNoScript(r.toString())) {
          return Future.failedFuture(new IllegalStateException(r.toString()));
        }
      }
      return Future.succeededFuture(rs);
    }).recover(err -> isNoScript(err) ? batchNow(build.apply(false)) : Future.failedFuture(err)), 0)
        .toCompletionStage();
  }

  public Future<Void> close() {
    return loops.close().eventually(() -> laneClient == redis
        ? redis.close()
        : Future.join(redis.close(), laneClient.close()).mapEmpty());
  }

  private Future<Response> sendNow(Request request) {
    LoopConnections.Lane lane = loops.current();
    if (lane != null) return lane.send(request);
    if (cluster) return offLoop(l -> l.send(request));
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /**
   * On a Cluster, callers off the event loops use one lane too, on a context of their own: the
   * pooled cluster client connects to every master per command, and many such connects at once
   * can each hold one master's pooled connection while waiting for another's, for good.
   */
  private <T> Future<T> offLoop(Function<LoopConnections.Lane, Future<T>> call) {
    Context ctx;
    synchronized (this) {
      if (offLoopContext == null) offLoopContext = vertx.getOrCreateContext();
      ctx = offLoopContext;
    }
    Promise<T> done = Promise.promise();
    ctx.runOnContext(v -> {
      LoopConnections.Lane lane = loops.current();
      (lane != null ? call.apply(lane) : Future.<T>failedFuture(new IllegalStateException("Redis client closed")))
          .onComplete(done);
    });
    return done.future();
  }

  private Future<List<Response>> batchNow(List<Request> requests) {
    if (cluster) return eachNow(requests);
    LoopConnections.Lane lane = loops.current();
    return lane != null ? lane.batch(requests) : redis.batch(requests).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /**
   * A batch on a Cluster: every command sent at once on the lane's cluster connection, each to its
   * slot's master, pipelined per master; the answers in order. It fails as a batch does, reporting every error ("[i] message").
   */
  private Future<List<Response>> eachNow(List<Request> requests) {
    LoopConnections.Lane lane = loops.current();
    if (lane != null) return joinAll(requests, lane::send);
    return offLoop(l -> joinAll(requests, l::send));
  }

  private static Future<List<Response>> joinAll(List<Request> requests, Function<Request, Future<Response>> send) {
    List<Future<Response>> sent = new ArrayList<>(requests.size());
    for (Request r : requests) sent.add(send.apply(r));
    return Future.join(sent).transform(ar -> {
      StringBuilder errors = new StringBuilder();
      List<Response> out = new ArrayList<>(sent.size());
      for (int i = 0; i < sent.size(); i++) {
        Future<Response> f = sent.get(i);
        if (f.failed()) {
          errors.append(errors.isEmpty() ? "" : "\n").append("ERR [").append(i).append("] ")
              .append(f.cause().getMessage());
        }
        out.add(f.result());
      }
      if (errors.isEmpty()) return Future.succeededFuture(out);
      Throwable first = sent.stream().filter(Future::failed).findFirst().orElseThrow().cause();
      return Future.failedFuture(neverSentAll(sent) ? first : new IllegalStateException(errors.toString(), first));
    });
  }

  /** Whether no command of a cluster batch reached Redis, so the batch may be retried as a whole. */
  private static boolean neverSentAll(List<Future<Response>> sent) {
    return sent.stream().allMatch(f -> f.failed() && neverSent(f.cause()));
  }

  private static Request scriptRequest(Command cmd, String scriptOrSha, List<String> keys, List<String> args) {
    Request r = Request.cmd(cmd).arg(scriptOrSha).arg(keys.size());
    for (String k : keys) r.arg(k);
    for (String a : args) r.arg(a);
    return r;
  }

  private static boolean isNoScript(Throwable err) {
    return isNoScript(err.getMessage());
  }

  // A failed batch reports every error reply in one message ("ERR [0] NOSCRIPT ...\nERR [1] ...").
  private static boolean isNoScript(String message) {
    return message != null && (message.startsWith("NOSCRIPT") || message.contains("] NOSCRIPT"));
  }

  private <T> Future<T> withRetry(Supplier<Future<T>> call, int attempt) {
    return call.get().recover(err -> {
      if (attempt >= connectRetries || !neverSent(err)) return Future.failedFuture(err);
      long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt, 4));
      Promise<Void> later = Promise.promise();
      vertx.setTimer(backoff, id -> later.complete());
      return later.future().compose(v -> withRetry(call, attempt + 1));
    });
  }

  /** The command was never written: the connection could not be made, or the client refused it. */
  static boolean neverSent(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof LoopConnections.NotSentException) return true;
    }
    return false;
  }
}
