package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.key.Expiry;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The rest of a key's life under {@code /admin/api-keys}: batch create, filtered paged list, read,
 * expiry, enable/disable, deleted keys, restore, permanent delete and tags.
 */
public final class ApiKeyLifecycleRoutes {
  static final int MAX_BATCH = 500;

  private final ApiKeyStore keyStore;
  private final KeyHasher hasher;
  private final Clock clock;
  private final ApiKeyGenerator generator;
  private final KeyChanges keyChanges;

  public ApiKeyLifecycleRoutes(ApiKeyStore keyStore, KeyHasher hasher, Clock clock, ApiKeyGenerator generator,
      KeyChanges keyChanges) {
    this.keyStore = keyStore;
    this.hasher = hasher;
    this.clock = clock;
    this.generator = generator;
    this.keyChanges = keyChanges;
  }

  /** {@code POST /admin/api-keys/batch {baseName, count, …fields}}: keys named baseName_1..n, each plaintext once. */
  public void batchCreate(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String baseName = f.string("baseName", 90);
    if (baseName == null || baseName.isBlank()) throw JsonFields.bad("baseName", "is required");
    Integer count = f.integer("count", 1, MAX_BATCH);
    if (count == null) throw JsonFields.bad("count", "is required (1-" + MAX_BATCH + ")");
    Instant now = clock.instant();
    List<ApiKey> keys = new ArrayList<>();
    List<String> plaintexts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String plaintext = generator.generate();
      ApiKey.Builder b = ApiKeyJson.apply(f, null,
          ApiKey.builder(UUID.randomUUID().toString(), hasher.hash(plaintext)), false);
      keys.add(b.name(baseName.trim() + "_" + i).createdAt(now).updatedAt(now).build());
      plaintexts.add(plaintext);
    }
    Future<Void> all = Future.succeededFuture();
    for (ApiKey k : keys) all = all.compose(v -> Async.from(keyStore.save(k)));
    all.onSuccess(v -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      for (int i = 0; i < keys.size(); i++) data.add(ApiKeyJson.view(keys.get(i)).put("apiKey", plaintexts.get(i)));
      AdminAudit.event(rc, "api-key.batch-create", Map.of("count", keys.size(), "baseName", baseName.trim(),
          "keyIds", keys.stream().map(ApiKey::id).toList()));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys?search=&tag=&isActive=&page=&pageSize=}: live keys, newest first, with the total. */
  public void list(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    String search = q.string("search", 200);
    String tag = q.string("tag", 100);
    Boolean active = q.bool("isActive");
    int page = q.integer("page", 1, 1_000_000, 1);
    int pageSize = q.integer("pageSize", 1, 500, 20);
    boolean includeDeleted = Boolean.TRUE.equals(q.bool("includeDeleted"));
    String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
    Async.from(keyStore.list()).onSuccess(keys -> {
      List<ApiKey> matching = keys.stream()
          .filter(k -> includeDeleted || !k.deleted())
          .filter(k -> active == null || k.active() == active)
          .filter(k -> tag == null || k.tags().contains(tag))
          .filter(k -> needle == null || k.name().toLowerCase(Locale.ROOT).contains(needle)
              || k.id().startsWith(needle) || k.description().toLowerCase(Locale.ROOT).contains(needle))
          .sorted(Comparator.comparing(ApiKey::createdAt).reversed())
          .toList();
      ObjectNode data = JsonFields.JSON.createObjectNode();
      ArrayNode items = data.putArray("items");
      matching.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(k -> items.add(ApiKeyJson.view(k)));
      data.put("total", matching.size()).put("page", page).put("pageSize", pageSize)
          .put("totalPages", (matching.size() + pageSize - 1) / pageSize);
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void get(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    Async.from(keyStore.findById(id)).onSuccess(found -> {
      if (found.isEmpty()) AdminResponses.fail(rc, notFound(id));
      else AdminResponses.ok(rc, ApiKeyJson.view(found.get()));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /**
   * {@code PATCH /admin/api-keys/:keyId/expiration {expiresAt}} (ISO instant, "" = never) or
   * {@code {activateNow:true}} to start an activation-mode key's clock.
   */
  public void setExpiration(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    Boolean activateNow = f.bool("activateNow");
    if (!f.has("expiresAt") && !Boolean.TRUE.equals(activateNow)) {
      throw JsonFields.bad("expiresAt", "is required (an ISO-8601 instant, or \"\" for never)");
    }
    Instant now = clock.instant();
    Expiry next;
    if (Boolean.TRUE.equals(activateNow)) {
      next = null;
    } else {
      String at = f.string("expiresAt", 64);
      try {
        next = at.isEmpty() ? Expiry.NEVER : Expiry.fixed(Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw JsonFields.bad("expiresAt", "must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
      }
    }
    change(rc, "api-key.expiration", k -> k.toBuilder().expiry(next != null
        ? next
        : k.expiry().mode() == ExpirationMode.ACTIVATION && k.expiry().activatedAt() == null
            ? k.expiry().activate(now)
            : k.expiry())
        .build());
  }

  /** {@code POST /admin/api-keys/:keyId/extend-expiry {days?, hours?}}: from the later of now and the current expiry. */
  public void extendExpiry(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    Integer days = f.integer("days", 0, 36_500);
    Integer hours = f.integer("hours", 0, 876_000);
    if ((days == null || days == 0) && (hours == null || hours == 0)) {
      throw JsonFields.bad("days", "or hours must be a positive whole number");
    }
    Duration by = Duration.ofDays(days == null ? 0 : days).plusHours(hours == null ? 0 : hours);
    Instant now = clock.instant();
    change(rc, "api-key.extend-expiry", k -> {
      Instant from = k.expiry().expiresAt() == null || k.expiry().expiresAt().isBefore(now)
          ? now
          : k.expiry().expiresAt();
      return k.toBuilder().expiry(Expiry.fixed(from.plus(by))).build();
    });
  }

  /** {@code PUT /admin/api-keys/:keyId/toggle}: flips isActive (or sets it from {@code {isActive}}). */
  public void toggle(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    Boolean wanted = f.bool("isActive");
    change(rc, "api-key.toggle", k -> k.toBuilder().active(wanted != null ? wanted : !k.active()).build());
  }

  public void deleted(RoutingContext rc) {
    Async.from(keyStore.list()).onSuccess(keys -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      keys.stream().filter(ApiKey::deleted).sorted(Comparator.comparing(ApiKey::deletedAt).reversed())
          .forEach(k -> data.add(ApiKeyJson.view(k)));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** Brings a soft-deleted key back, disabled: the operator enables it on purpose. */
  public void restore(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    Instant now = clock.instant();
    Async.from(keyStore.findById(id)).compose(found -> {
      if (found.isEmpty() || !found.get().deleted()) {
        return Future.<ApiKey[]>failedFuture(new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND,
            "No deleted API key " + id)));
      }
      ApiKey restored = found.get().toBuilder().deletedAt(null).updatedAt(now).build();
      return Async.from(keyStore.save(restored)).map(v -> new ApiKey[]{found.get(), restored});
    }).onSuccess(pair -> {
      keyChanges.changed(id);
      AdminAudit.change(rc, "api-key.restore", id, ApiKeyJson.view(pair[0]), ApiKeyJson.view(pair[1]));
      AdminResponses.ok(rc, ApiKeyJson.view(pair[1]));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** Removes a key for good; its usage records stay in the ledger under its id. */
  public void deletePermanently(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    Async.from(keyStore.findById(id)).compose(found -> {
      if (found.isEmpty()) return Future.<ApiKey>failedFuture(notFound(id));
      if (!found.get().deleted()) {
        return Future
            .<ApiKey>failedFuture(JsonFields.bad("keyId", "must name a soft-deleted key (DELETE /admin/api-keys/"
                + id + " first)"));
      }
      return Async.from(keyStore.delete(id)).map(found.get());
    }).onSuccess(k -> {
      keyChanges.changed(id);
      AdminAudit.change(rc, "api-key.delete-permanent", id, ApiKeyJson.view(k), null);
      AdminResponses.ok(rc, JsonFields.JSON.createObjectNode().put("id", id).put("deleted", true));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys/tags}: every tag of a live key, with how many keys carry it. */
  public void tags(RoutingContext rc) {
    Async.from(keyStore.list()).onSuccess(keys -> {
      TreeMap<String, Integer> counts = new TreeMap<>();
      keys.stream().filter(k -> !k.deleted()).forEach(k -> k.tags().forEach(t -> counts.merge(t, 1, Integer::sum)));
      ArrayNode data = JsonFields.JSON.createArrayNode();
      counts.forEach((t, n) -> data.addObject().put("name", t).put("count", n));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private void change(RoutingContext rc, String action, UnaryOperator<ApiKey> how) {
    String id = rc.pathParam("keyId");
    Instant now = clock.instant();
    Async.from(keyStore.findById(id)).compose(found -> {
      if (found.isEmpty() || found.get().deleted()) return Future.<ApiKey[]>failedFuture(notFound(id));
      ApiKey updated = how.apply(found.get()).toBuilder().updatedAt(now).build();
      return Async.from(keyStore.save(updated)).map(v -> new ApiKey[]{found.get(), updated});
    }).onSuccess(pair -> {
      keyChanges.changed(id);
      AdminAudit.change(rc, action, id, ApiKeyJson.view(pair[0]), ApiKeyJson.view(pair[1]));
      AdminResponses.ok(rc, ApiKeyJson.view(pair[1]));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  static FailureException notFound(String id) {
    return new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND, "API key " + id + " not found"));
  }
}
