package io.clauderelay.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real client that counts round trips (each send or batch is one), to pin the per-request cost. */
final class CountingRedis implements Redis {
  private final Redis delegate;
  final AtomicInteger roundTrips = new AtomicInteger();

  CountingRedis(Redis delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<RedisConnection> connect() {
    return delegate.connect();
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
}
