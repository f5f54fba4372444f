package io.clauderelay.redis;

import io.clauderelay.domain.port.SettingsStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Operator settings on Redis: one string key per setting, shared by every node. */
public final class RedisSettingsStore implements SettingsStore {
  private final RedisCommands redis;

  public RedisSettingsStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Optional<String>> get(String name) {
    return redis.send(Request.cmd(Command.GET).arg(RedisKeys.setting(name)))
        .thenApply(
            r -> r == null ? Optional.empty() : Optional.of(r.toString(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public CompletionStage<Void> put(String name, String value) {
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.setting(name)).arg(value)).thenApply(r -> null);
  }
}
