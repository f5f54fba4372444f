package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One change applied to many keys: batch edit and soft delete ({@code /admin/api-keys/batch}) and
 * tag rename/removal ({@code /admin/api-keys/tags/:tag}). Each key is saved, dropped from every
 * node's cache and audited on its own, as the single-key routes do.
 */
public final class ApiKeyBatchRoutes {
  private final ApiKeyStore keyStore;
  private final Clock clock;
  private final KeyChanges keyChanges;

  public ApiKeyBatchRoutes(ApiKeyStore keyStore, Clock clock, KeyChanges keyChanges) {
    this.keyStore = keyStore;
    this.clock = clock;
    this.keyChanges = keyChanges;
  }

  /**
   * {@code PUT /admin/api-keys/batch {keyIds, updates:{…, tagOperation?}}}: the single update's
   * fields; {@code tagOperation} add/remove merges {@code tags} into each key's own instead of
   * replacing them. Answers {@code {successCount, failedCount, errors:[{keyId, error}]}}.
   */
  public void batchUpdate(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    List<String> ids = keyIds(f);
    JsonFields updates = f.object("updates");
    if (updates == null || updates.isEmpty()) throw JsonFields.bad("updates", "is required (an object of key fields)");
    String tagOperation = updates.string("tagOperation", 10);
    if (tagOperation != null && !List.of("replace", "add", "remove").contains(tagOperation)) {
      throw JsonFields.bad("tagOperation", "must be replace, add or remove");
    }
    List<String> tags = updates.strings("tags");
    if (tagOperation != null && !tagOperation.equals("replace") && tags == null) {
      throw JsonFields.bad("tags", "is required with tagOperation " + tagOperation);
    }
    // A wrong value is one 400 before any key changes, not the same error once per key. (Only the
    // activation amount depends on the key: switching to activation mode needs activationDays.)
    ApiKeyJson.apply(updates, null, ApiKey.builder("validation", "validation"), false);
    Instant now = clock.instant();
    each(rc, ids, "api-key.batch-update", false, k -> {
      ApiKey.Builder b = ApiKeyJson.apply(updates, k, k.toBuilder(), false);
      if ("add".equals(tagOperation) || "remove".equals(tagOperation)) {
        LinkedHashSet<String> merged = new LinkedHashSet<>(k.tags());
        if (tagOperation.equals("add")) merged.addAll(tags);
        else merged.removeAll(tags);
        b.tags(List.copyOf(merged));
      }
      return Optional.of(b.updatedAt(now).build());
    }).onSuccess(r -> AdminResponses.ok(rc, r)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code DELETE /admin/api-keys/batch {keyIds}}: soft delete of each (restorable, usage kept). */
  public void batchDelete(RoutingContext rc) {
    List<String> ids = keyIds(JsonFields.parse(rc.body().buffer()));
    Instant now = clock.instant();
    each(rc, ids, "api-key.batch-delete", false,
        k -> Optional.of(k.toBuilder().deletedAt(now).active(false).updatedAt(now).build()))
        .onSuccess(r -> AdminResponses.ok(rc, r)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code PUT /admin/api-keys/tags/:tag {newName}}: renames the tag on every key carrying it (deleted ones too). */
  public void renameTag(RoutingContext rc) {
    String tag = rc.pathParam("tag");
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String newName = f.string("newName", 100);
    if (newName == null || newName.isBlank()) throw JsonFields.bad("newName", "is required");
    String renamed = newName.trim();
    Instant now = clock.instant();
    retag(rc, tag, "api-key.tag-rename", k -> {
      LinkedHashSet<String> tags = new LinkedHashSet<>();
      k.tags().forEach(t -> tags.add(t.equals(tag) ? renamed : t));
      return k.toBuilder().tags(List.copyOf(tags)).updatedAt(now).build();
    });
  }

  /** {@code DELETE /admin/api-keys/tags/:tag}: removes the tag from every key carrying it. */
  public void deleteTag(RoutingContext rc) {
    String tag = rc.pathParam("tag");
    Instant now = clock.instant();
    retag(rc, tag, "api-key.tag-delete", k -> k.toBuilder()
        .tags(k.tags().stream().filter(t -> !t.equals(tag)).toList()).updatedAt(now).build());
  }

  private void retag(RoutingContext rc, String tag, String action, Function<ApiKey, ApiKey> how) {
    Async.from(keyStore.list()).compose(keys -> {
      List<String> ids = keys.stream().filter(k -> k.tags().contains(tag)).map(ApiKey::id).toList();
      if (ids.isEmpty()) {
        return Future.<ObjectNode>failedFuture(new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND,
            "No API key carries the tag '" + tag + "'")));
      }
      // Deleted keys too: one restored later should not bring the old tag back.
      return each(rc, ids, action, true, k -> k.tags().contains(tag) ? Optional.of(how.apply(k)) : Optional.empty());
    }).onSuccess(r -> AdminResponses.ok(rc, r.put("tag", tag).put("affectedCount", r.get("successCount").asInt())))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  private static List<String> keyIds(JsonFields f) {
    List<String> ids = f.strings("keyIds");
    if (ids == null || ids.isEmpty()) throw JsonFields.bad("keyIds", "is required (a non-empty array of key ids)");
    if (ids.size() > ApiKeyLifecycleRoutes.MAX_BATCH) {
      throw JsonFields.bad("keyIds", "must hold at most " + ApiKeyLifecycleRoutes.MAX_BATCH + " ids");
    }
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  /**
   * Applies {@code how} to each live key (or each key, with {@code deletedToo}) in turn (one at a time: a batch must not flood the store);
   * an unknown or deleted key, or a change the key refuses, is reported and the rest go on. An empty
   * answer from {@code how} leaves the key as it is and does not count.
   */
  private Future<ObjectNode> each(RoutingContext rc, List<String> ids, String action, boolean deletedToo,
      Function<ApiKey, Optional<ApiKey>> how) {
    ObjectNode result = JsonFields.JSON.createObjectNode();
    List<ObjectNode> errors = new ArrayList<>();
    int[] succeeded = {0};
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(v -> Async.from(keyStore.findById(id)).<Void>compose(found -> {
        if (found.isEmpty() || (found.get().deleted() && !deletedToo)) {
          return Future.failedFuture(ApiKeyLifecycleRoutes.notFound(id));
        }
        Optional<ApiKey> changed = how.apply(found.get());
        if (changed.isEmpty()) return Future.succeededFuture();
        return Async.from(keyStore.save(changed.get())).map(x -> {
          keyChanges.changed(id);
          AdminAudit.change(rc, action, id, ApiKeyJson.view(found.get()), ApiKeyJson.view(changed.get()));
          succeeded[0]++;
          return null;
        });
      }).recover(err -> {
        if (!(err instanceof FailureException fe)) return Future.failedFuture(err);
        errors.add(JsonFields.JSON.createObjectNode().put("keyId", id).put("error", fe.failure().message()));
        return Future.succeededFuture();
      }));
    }
    return chain.map(v -> {
      result.put("successCount", succeeded[0]).put("failedCount", errors.size());
      result.putArray("errors").addAll(errors);
      return result;
    });
  }
}
