package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.server.RelayServices;
import io.clauderelay.server.http.Async;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** {@code /admin/api-keys}: create (the plaintext key is returned once) and list. */
public final class ApiKeyAdminRoutes {
  private final RelayServices s;
  private final ApiKeyGenerator generator;

  public ApiKeyAdminRoutes(RelayServices s, ApiKeyGenerator generator) {
    this.s = s;
    this.generator = generator;
  }

  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String plaintext = generator.generate();
    Instant now = s.clock().instant();
    ApiKey key = ApiKeyJson.apply(f, null, ApiKey.builder(UUID.randomUUID().toString(), s.hasher().hash(plaintext)), true)
        .createdAt(now).updatedAt(now).build();
    Async.from(s.keys().save(key)).onSuccess(v -> {
      ObjectNode data = ApiKeyJson.view(key);
      data.put("apiKey", plaintext);
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void list(RoutingContext rc) {
    boolean includeDeleted = "true".equals(rc.request().getParam("includeDeleted"));
    Async.from(s.keys().list()).onSuccess(keys -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      keys.stream().filter(k -> includeDeleted || !k.deleted()).sorted(Comparator.comparing(ApiKey::createdAt))
          .forEach(k -> data.add(ApiKeyJson.view(k)));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }
}
