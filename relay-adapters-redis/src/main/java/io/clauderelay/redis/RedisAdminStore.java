package io.clauderelay.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.port.AdminStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admin credentials and revoked admin token ids on Redis, shared by every node. A revocation is a
 * key that expires (PXAT) when the token would have expired anyway, so nothing needs cleaning up.
 */
public final class RedisAdminStore implements AdminStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisCommands redis;

  public RedisAdminStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Optional<AdminCredentials>> credentials() {
    return redis.send(Request.cmd(Command.GET).arg(RedisKeys.ADMIN_CREDENTIALS))
        .thenApply(r -> r == null ? Optional.empty() : Optional.of(read(r.toString())));
  }

  @Override
  public CompletionStage<Void> saveCredentials(AdminCredentials c) {
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.ADMIN_CREDENTIALS).arg(write(c))).thenApply(r -> null);
  }

  @Override
  public CompletionStage<Boolean> seedCredentials(AdminCredentials c) {
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.ADMIN_CREDENTIALS).arg(write(c)).arg("NX"))
        .thenApply(r -> r != null && "OK".equals(r.toString()));
  }

  @Override
  public CompletionStage<Void> revoke(String tokenId, Instant until) {
    // Nothing to remember for a token that has expired already (and Redis refuses a past PXAT on SET).
    if (!until.isAfter(Instant.now())) return CompletableFuture.completedFuture(null);
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.revokedToken(tokenId)).arg("1")
        .arg("PXAT").arg(until.toEpochMilli()))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<Boolean> isRevoked(String tokenId) {
    return redis.send(Request.cmd(Command.EXISTS).arg(RedisKeys.revokedToken(tokenId)))
        .thenApply(r -> Replies.asLong(r) > 0);
  }

  private static String write(AdminCredentials c) {
    return JSON.createObjectNode().put("username", c.username()).put("passwordHash", c.passwordHash())
        .put("updatedAt", c.updatedAt() == null ? null : c.updatedAt().toString()).toString();
  }

  private static AdminCredentials read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new AdminCredentials(n.path("username").asText(), n.path("passwordHash").asText(),
          n.hasNonNull("updatedAt") ? Instant.parse(n.get("updatedAt").asText()) : null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable admin credentials in Redis", e);
    }
  }
}
