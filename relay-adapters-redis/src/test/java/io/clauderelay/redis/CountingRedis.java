package io.clauderelay.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real client that counts round trips (each send or batch is one, on the pool or on a connection
 * it handed out), to pin the per-request cost.
 */
final class CountingRedis implements Redis {
  private final Redis delegate;
  final AtomicInteger roundTrips = new AtomicInteger();

  CountingRedis(Redis delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<RedisConnection> connect() {
    return delegate.connect().map(Counted::new);
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Future<Response> send(Request command) {
    roundTrips.incrementAndGet();
    return delegate.send(command);
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    roundTrips.incrementAndGet();
    return delegate.batch(commands);
  }

  /** A connection whose sends and batches count as round trips of the client that made it. */
  private final class Counted implements RedisConnection {
    private final RedisConnection c;

    Counted(RedisConnection c) {
      this.c = c;
    }

    @Override
    public Future<Response> send(Request command) {
      roundTrips.incrementAndGet();
      return c.send(command);
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
      roundTrips.incrementAndGet();
      return c.batch(commands);
    }

    @Override
    public RedisConnection exceptionHandler(Handler<Throwable> handler) {
      c.exceptionHandler(handler);
      return this;
    }

    @Override
    public RedisConnection handler(Handler<Response> handler) {
      c.handler(handler);
      return this;
    }

    @Override
    public RedisConnection pause() {
      c.pause();
      return this;
    }

    @Override
    public RedisConnection resume() {
      c.resume();
      return this;
    }

    @Override
    public RedisConnection fetch(long amount) {
      c.fetch(amount);
      return this;
    }

    @Override
    public RedisConnection endHandler(Handler<Void> endHandler) {
      c.endHandler(endHandler);
      return this;
    }

    @Override
    public Future<Void> close() {
      return c.close();
    }

    @Override
    public boolean pendingQueueFull() {
      return c.pendingQueueFull();
    }
  }
}
