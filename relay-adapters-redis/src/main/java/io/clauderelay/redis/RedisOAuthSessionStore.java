package io.clauderelay.redis;

import io.clauderelay.domain.oauth.OAuthSession;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Onboarding sessions on Redis, so the node that finishes an onboarding need not be the one that
 * started it: one STRING per session ({@code verifier state createdAtMs}) with a PX TTL, read
 * once with GETDEL so a code is exchanged at most once.
 */
public final class RedisOAuthSessionStore implements OAuthSessionStore {
  private final RedisCommands redis;

  public RedisOAuthSessionStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Void> put(String sessionId, OAuthSession session, Duration ttl, Instant now) {
    // Base64url verifier and state contain no space, so a space-separated value needs no escaping.
    String value = session.verifier() + " " + session.state() + " " + session.createdAt().toEpochMilli();
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.oauthSession(sessionId)).arg(value).arg("PX")
        .arg(Math.max(1, ttl.toMillis()))).thenApply(r -> null);
  }

  @Override
  public CompletionStage<Optional<OAuthSession>> take(String sessionId, Instant now) {
    return redis.send(Request.cmd(Command.GETDEL).arg(RedisKeys.oauthSession(sessionId))).thenApply(r -> {
      String v = Replies.asString(r);
      if (v == null) return Optional.empty();
      String[] parts = v.split(" ");
      if (parts.length != 3) return Optional.empty();
      return Optional.of(new OAuthSession(parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
    });
  }
}
