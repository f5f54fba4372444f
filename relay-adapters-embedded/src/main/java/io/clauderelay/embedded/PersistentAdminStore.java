package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.memory.InMemoryAdminStore;
import io.clauderelay.domain.port.AdminStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.h2.mvstore.MVMap;

/**
 * The admin's credentials and revoked token ids on disk; a password change or a logout is synced
 * before it completes. Revocations past their expiry are dropped from the file as new ones come.
 */
public final class PersistentAdminStore implements AdminStore {
  private static final String CREDENTIALS = "credentials";
  private static final String REVOKED = "revoked:";

  private final InMemoryAdminStore hot = new InMemoryAdminStore();
  private final EmbeddedFile file;
  private final MVMap<String, String> map;

  PersistentAdminStore(EmbeddedFile file) {
    this.file = file;
    this.map = file.map("admin");
    String c = map.get(CREDENTIALS);
    if (c != null) hot.saveCredentials(credentials(Json.tree(c)));
    Instant now = Instant.now();
    map.forEach((k, v) -> {
      if (k.startsWith(REVOKED) && Instant.parse(v).isAfter(now))
        hot.revoke(k.substring(REVOKED.length()), Instant.parse(v));
    });
  }

  @Override
  public CompletionStage<Optional<AdminCredentials>> credentials() {
    return hot.credentials();
  }

  @Override
  public synchronized CompletionStage<Void> saveCredentials(AdminCredentials c) {
    hot.saveCredentials(c);
    String json = json(c);
    return file.write(() -> map.put(CREDENTIALS, json), true);
  }

  @Override
  public synchronized CompletionStage<Boolean> seedCredentials(AdminCredentials c) {
    if (!hot.seedCredentials(c).toCompletableFuture().join()) return CompletableFuture.completedFuture(false);
    String json = json(c);
    return file.write(() -> map.put(CREDENTIALS, json), true).thenApply(v -> true);
  }

  @Override
  public synchronized CompletionStage<Void> revoke(String tokenId, Instant until) {
    hot.revoke(tokenId, until);
    return file.write(() -> {
      Instant now = Instant.now();
      // MVMap's views cannot remove: collect the ended revocations first.
      List<String> ended = new ArrayList<>();
      map.forEach((k, v) -> {
        if (k.startsWith(REVOKED) && !Instant.parse(v).isAfter(now)) ended.add(k);
      });
      ended.forEach(map::remove);
      map.put(REVOKED + tokenId, until.toString());
    }, true);
  }

  @Override
  public CompletionStage<Boolean> isRevoked(String tokenId) {
    return hot.isRevoked(tokenId);
  }

  static String json(AdminCredentials c) {
    return Json.object().put("username", c.username()).put("passwordHash", c.passwordHash())
        .put("updatedAt", c.updatedAt() == null ? null : c.updatedAt().toString()).toString();
  }

  static AdminCredentials credentials(JsonNode n) {
    return new AdminCredentials(n.path("username").asText(), n.path("passwordHash").asText(),
        n.hasNonNull("updatedAt") ? Instant.parse(n.get("updatedAt").asText()) : null);
  }
}
