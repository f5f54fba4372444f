package io.clauderelay.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One long-lived, pipelined Redis connection per event loop. A command issued on an event loop
 * goes out on that loop's connection: no pool checkout per command, no hand-off to another thread
 * for the answer, and any number of commands in flight at once (a pool of 16 single-command
 * connections made the relay slower at 64 clients than at 16). A connection that ends, fails or
 * lets a command time out is dropped, and the next command connects again: in Sentinel mode that
 * connect asks the sentinels for the master, and a sentinel must confirm the address reached
 * ({@link SentinelMasterCheck}) before the lane uses it. That is how a failover is followed.
 */
final class LoopConnections {
  /** The client's own words for a command it refused before writing it. */
  private static final String CLOSED = "Connection is closed";
  private static final String QUEUE_FULL = "Redis waiting queue is full";

  private final Redis client;
  private final long timeoutMs;
  private final MasterCheck masterCheck;
  private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  LoopConnections(Redis client, long timeoutMs, MasterCheck masterCheck) {
    this.client = client;
    this.timeoutMs = timeoutMs;
    this.masterCheck = masterCheck;
  }

  /** Whether a fresh connection reached the master (a standalone server always is). */
  interface MasterCheck {
    MasterCheck STANDALONE = new MasterCheck() {
      @Override
      public Future<Boolean> confirms(RedisConnection connection) {
        return Future.succeededFuture(true);
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };

    Future<Boolean> confirms(RedisConnection connection);

    Future<Void> close();
  }

  /** The calling event loop's lane, or null off the event loops (the caller then uses the pool). */
  Lane current() {
    if (closed || !Context.isOnEventLoopThread()) return null;
    Context ctx = Vertx.currentContext();
    if (ctx == null || !ctx.isEventLoopContext()) return null;
    return lanes.computeIfAbsent(Thread.currentThread(), t -> new Lane(ctx));
  }

  /** Closes every lane's connection; later commands use the pool (which is closed by its owner). */
  Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    for (Lane lane : lanes.values()) closing.add(lane.close());
    lanes.clear();
    closing.add(masterCheck.close());
    return Future.join(closing).mapEmpty();
  }

  /** A command the client refused before writing it: safe to send again on a fresh connection. */
  static final class NotSentException extends RuntimeException {
    NotSentException(Throwable cause) {
      super("Redis command not sent: " + cause.getMessage(), cause, false, false);
    }
  }

  /** One event loop's connection. Its fields are touched only on that loop's thread. */
  final class Lane {
    private final Context context;
    private RedisConnection connection;
    private Future<RedisConnection> connecting;

    private Lane(Context context) {
      this.context = context;
    }

    Future<Response> send(Request request) {
      return on(c -> c.send(request));
    }

    Future<List<Response>> batch(List<Request> requests) {
      return on(c -> c.batch(requests));
    }

    private <T> Future<T> on(Function<RedisConnection, Future<T>> command) {
      return connection().compose(c -> command.apply(c).timeout(timeoutMs, TimeUnit.MILLISECONDS).recover(err -> {
        String message = err.getMessage();
        if (CLOSED.equals(message)) {
          drop(c);
          return Future.failedFuture(new NotSentException(err));
        }
        if (QUEUE_FULL.equals(message)) return Future.failedFuture(new NotSentException(err));
        // A timed-out connection may be stuck (a partitioned master sends no reset): start afresh.
        if (err instanceof TimeoutException) discard(c);
        return Future.failedFuture(err);
      }));
    }

    private Future<RedisConnection> connection() {
      if (connection != null) return Future.succeededFuture(connection);
      Future<RedisConnection> attempt = connecting;
      if (attempt == null) {
        Future<RedisConnection> started = client.connect().compose(c -> masterCheck.confirms(c).transform(ar -> {
          if (ar.succeeded() && ar.result()) return Future.succeededFuture(c);
          discard(c);
          return Future.failedFuture(new NotSentException(ar.failed()
              ? ar.cause()
              : new IllegalStateException("connected to a Redis the sentinels do not name as master")));
        }));
        attempt = started;
        connecting = started;
        // Registered before any caller's compose, so the lane holds the connection first.
        started.onComplete(ar -> {
          if (connecting == started) connecting = null;
          if (ar.succeeded()) adopt(ar.result());
        });
      }
      Future<RedisConnection> waitedFor = attempt;
      // The handshake has no timeout of its own; a silent server must not hold the lane forever.
      return attempt.timeout(timeoutMs, TimeUnit.MILLISECONDS)
          .map(c -> connection != null ? connection : c)
          .onFailure(err -> {
            if (err instanceof TimeoutException && connecting == waitedFor) connecting = null;
          });
    }

    private void adopt(RedisConnection c) {
      if (closed || connection != null) {
        c.close();
        return;
      }
      connection = c;
      // A connection made on another loop (the pool's choice) reports its events on that loop.
      c.exceptionHandler(err -> context.runOnContext(v -> drop(c)));
      c.endHandler(v -> context.runOnContext(x -> drop(c)));
    }

    /** Forgets a connection that has ended (closing it then only releases its pool slot). */
    private void drop(RedisConnection c) {
      if (connection == c) connection = null;
      c.close();
    }

    /**
     * Forgets a connection that may still be open and shuts its socket: a plain close would hand it
     * back to the pool, stuck commands and all, and the next connect would get it again.
     */
    private void discard(RedisConnection c) {
      if (connection == c) connection = null;
      if (c instanceof PooledRedisConnection pooled) pooled.actual().forceClose();
      else c.close();
    }

    private Future<Void> close() {
      RedisConnection c = connection;
      connection = null;
      return c == null ? Future.succeededFuture() : c.close();
    }
  }
}
