package io.clauderelay.redis;

import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.pricing.PriceFile;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The shared price file in one Redis hash (source, fetchedAt, sha256, json): nodes poll the three
 * small fields and read the body only when the hash changed. No TTL: it is the last good file.
 */
public final class RedisSharedPriceFile implements SharedPriceFile {
  private final RedisCommands redis;

  public RedisSharedPriceFile(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Optional<PriceFile.Stamp>> stamp() {
    return redis.send(Request.cmd(Command.HMGET).arg(RedisKeys.PRICE_FILE).arg("source").arg("fetchedAt").arg("sha256"))
        .thenApply(RedisSharedPriceFile::stampOf);
  }

  @Override
  public CompletionStage<Optional<PriceFile>> read() {
    return redis.send(Request.cmd(Command.HMGET).arg(RedisKeys.PRICE_FILE).arg("source").arg("fetchedAt").arg("sha256")
        .arg("json"))
        .thenApply(r -> stampOf(r).flatMap(stamp -> Optional.ofNullable(Replies.asString(r.get(3)))
            .map(json -> new PriceFile(stamp, json))));
  }

  @Override
  public CompletionStage<Void> write(PriceFile f) {
    return redis.send(Request.cmd(Command.HSET).arg(RedisKeys.PRICE_FILE).arg("source").arg(f.stamp().source())
        .arg("fetchedAt").arg(Long.toString(f.stamp().fetchedAt().toEpochMilli())).arg("sha256").arg(f.stamp().sha256())
        .arg("json").arg(f.json()))
        .thenApply(r -> null);
  }

  private static Optional<PriceFile.Stamp> stampOf(Response r) {
    if (r == null || r.size() < 3) return Optional.empty();
    String source = Replies.asString(r.get(0));
    String at = Replies.asString(r.get(1));
    String sha = Replies.asString(r.get(2));
    if (source == null || at == null || sha == null) return Optional.empty();
    return Optional.of(new PriceFile.Stamp(source, Instant.ofEpochMilli(Long.parseLong(at)), sha));
  }
}
