package io.clauderelay.redis;

import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Relay keys on Redis. The whole catalogue shares the {@code {apikeys}} slot so that saving a key
 * and its hash index is one atomic script, and authentication (hash → key) is one round trip.
 */
public final class RedisApiKeyStore implements ApiKeyStore {
  private static final LuaScript SAVE = LuaScript.load("key_save");
  private static final LuaScript DELETE = LuaScript.load("key_delete");
  private static final LuaScript BY_HASH = LuaScript.load("key_by_hash");
  private static final LuaScript LIST = LuaScript.load("keys_list");

  private final RedisCommands redis;

  public RedisApiKeyStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Void> save(ApiKey key) {
    return redis.eval(SAVE,
        List.of(RedisKeys.KEY_RECORDS, RedisKeys.KEY_HASHES, RedisKeys.KEY_BY_HASH, RedisKeys.KEY_ORDER,
            RedisKeys.KEY_SEQ),
        List.of(key.id(), key.hash(), ApiKeyJson.write(key)))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<Optional<ApiKey>> findById(String id) {
    return redis.send(Request.cmd(Command.HGET)
        .arg(RedisKeys.KEY_RECORDS).arg(id))
        .thenApply(RedisApiKeyStore::key);
  }

  @Override
  public CompletionStage<Optional<ApiKey>> findByHash(String hash) {
    return redis.eval(BY_HASH, List.of(RedisKeys.KEY_BY_HASH, RedisKeys.KEY_RECORDS), List.of(hash))
        .thenApply(RedisApiKeyStore::key);
  }

  @Override
  public CompletionStage<List<ApiKey>> list() {
    return redis.eval(LIST, List.of(RedisKeys.KEY_ORDER, RedisKeys.KEY_RECORDS), List.of()).thenApply(r -> {
      List<ApiKey> keys = new ArrayList<>();
      if (r != null) for (Response json : r) keys.add(ApiKeyJson.read(json.toString()));
      return keys;
    });
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return redis.eval(DELETE,
        List.of(RedisKeys.KEY_RECORDS, RedisKeys.KEY_HASHES, RedisKeys.KEY_BY_HASH, RedisKeys.KEY_ORDER),
        List.of(id))
        .thenApply(r -> Replies.asLong(r) == 1);
  }

  private static Optional<ApiKey> key(Response r) {
    return r == null ? Optional.empty() : Optional.of(ApiKeyJson.read(r.toString()));
  }
}
