package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** {@code POST /admin/api-keys}: create (the plaintext key is returned once); the list is {@link ApiKeyLifecycleRoutes#list}. */
public final class ApiKeyAdminRoutes {
  private final ApiKeyStore keyStore;
  private final KeyHasher hasher;
  private final Clock clock;
  private final ApiKeyGenerator generator;
  private final KeyChanges keyChanges;

  public ApiKeyAdminRoutes(ApiKeyStore keyStore, KeyHasher hasher, Clock clock, ApiKeyGenerator generator,
      KeyChanges keyChanges) {
    this.keyStore = keyStore;
    this.hasher = hasher;
    this.clock = clock;
    this.generator = generator;
    this.keyChanges = keyChanges;
  }

  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String plaintext = generator.generate();
    Instant now = clock.instant();
    ApiKey key = ApiKeyJson
        .apply(f, null, ApiKey.builder(UUID.randomUUID().toString(), hasher.hash(plaintext)), true)
        .createdAt(now).updatedAt(now).build();
    Async.from(keyStore.save(key)).onSuccess(v -> {
      ObjectNode data = ApiKeyJson.view(key);
      AdminAudit.change(rc, "api-key.create", key.id(), null, data);
      data.put("apiKey", plaintext);
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** Changes any field present in the body; every node drops the key from its cache. */
  public void update(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String id = rc.pathParam("keyId");
    Async.from(keyStore.findById(id)).compose(found -> {
      if (found.isEmpty() || found.get().deleted()) return Future.failedFuture(notFound(id));
      ApiKey current = found.get();
      ApiKey updated = ApiKeyJson.apply(f, current, current.toBuilder(), false).updatedAt(clock.instant()).build();
      return Async.from(keyStore.save(updated)).map(v -> new ApiKey[]{current, updated});
    }).onSuccess(pair -> {
      keyChanges.changed(id);
      AdminAudit.change(rc, "api-key.update", id, ApiKeyJson.view(pair[0]), ApiKeyJson.view(pair[1]));
      AdminResponses.ok(rc, ApiKeyJson.view(pair[1]));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** Soft delete: the key stops working at once and can be restored; its usage stays. */
  public void delete(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    Instant now = clock.instant();
    Async.from(keyStore.findById(id)).compose(found -> {
      if (found.isEmpty() || found.get().deleted()) return Future.failedFuture(notFound(id));
      ApiKey deleted = found.get().toBuilder().deletedAt(now).active(false).updatedAt(now).build();
      return Async.from(keyStore.save(deleted)).map(v -> new ApiKey[]{found.get(), deleted});
    }).onSuccess(pair -> {
      keyChanges.changed(id);
      AdminAudit.change(rc, "api-key.delete", id, ApiKeyJson.view(pair[0]), ApiKeyJson.view(pair[1]));
      AdminResponses.ok(rc, ApiKeyJson.view(pair[1]));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private static FailureException notFound(String id) {
    return new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND, "API key " + id + " not found"));
  }
}
