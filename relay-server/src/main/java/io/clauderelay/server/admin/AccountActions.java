package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.log.AuditLog;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account of a type under {@code /admin/<type>-accounts/:id}: read, update, enable/disable,
 * schedulable toggle, reset of status and cool-down, delete, a tiny test request, error history.
 */
public final class AccountActions {
  private static final Logger LOG = LoggerFactory.getLogger(AccountActions.class);
  private final AccountStore accountStore;
  private final AccountStateStore accountState;
  private final SecretCipher cipher;
  private final Clock clock;
  private final AccountType type;
  private final AccountProbe probe;
  private final AccountErrorLog errors;

  public AccountActions(AccountStore accountStore, AccountStateStore accountState, SecretCipher cipher, Clock clock,
      AccountType type, AccountProbe probe, AccountErrorLog errors) {
    this.accountStore = accountStore;
    this.accountState = accountState;
    this.cipher = cipher;
    this.clock = clock;
    this.type = type;
    this.probe = probe;
    this.errors = errors;
  }

  public void get(RoutingContext rc) {
    String id = rc.pathParam("id");
    Instant now = clock.instant();
    find(id).compose(a -> Async.from(accountState.runtime(java.util.List.of(id), now))
        .map(rt -> AccountJson.view(a, rt.get(id), now, cipher)))
        .onSuccess(v -> AdminResponses.ok(rc, v)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void update(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    if (type == AccountType.CLAUDE_OAUTH && f.has("apiKey")) {
      // A subscription's credential is its token pair: refresh it or onboard again, never paste a key over it.
      throw JsonFields.bad("apiKey", "cannot be set on a claude-oauth account (use /refresh or onboard it again)");
    }
    change(rc, "account.update", a -> type == AccountType.BEDROCK
        ? BedrockAccountJson.update(f, a, cipher, clock.instant())
        : AccountUpdate.apply(f, a, cipher, clock.instant()));
  }

  /** Flips isActive, or sets it from {@code {isActive}}. */
  public void toggle(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    Boolean wanted = f.bool("isActive");
    change(rc, "account.toggle",
        a -> AccountUpdate.withActive(a, wanted != null ? wanted : !a.active(), clock.instant()));
  }

  public void toggleSchedulable(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    Boolean wanted = f.bool("schedulable");
    change(rc, "account.toggle-schedulable", a -> a.withSchedulable(wanted != null ? wanted : !a.schedulable(),
        clock.instant()));
  }

  /** Back to active: clears the error status and the cool-down on every node. */
  public void resetStatus(RoutingContext rc) {
    String id = rc.pathParam("id");
    Instant now = clock.instant();
    find(id).compose(before -> {
      Account after = before.withStatus(AccountStatus.ACTIVE, "", now);
      return Async.from(accountStore.save(after))
          .compose(v -> Async.from(accountState.coolDown(id, null, null)))
          .map(v -> {
            AdminAudit.change(rc, "account.reset-status", id, AccountJson.view(before, null, now, cipher),
                AccountJson.view(after, null, now, cipher));
            return AccountJson.view(after, null, now, cipher);
          });
    }).onSuccess(v -> AdminResponses.ok(rc, v)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void delete(RoutingContext rc) {
    String id = rc.pathParam("id");
    Instant now = clock.instant();
    find(id).compose(a -> Async.from(accountStore.delete(id)).map(a)).onSuccess(a -> {
      // The account is gone either way; a history left behind expires with its key.
      errors.clear(id).exceptionally(err -> {
        LOG.warn("account {} deleted, its error history not cleared: {}", id, String.valueOf(err));
        return null;
      });
      AdminAudit.change(rc, "account.delete", id, AccountJson.view(a, null, now, cipher), null);
      AdminResponses.ok(rc, JsonFields.JSON.createObjectNode().put("id", id).put("deleted", true));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /**
   * Sends the smallest real request to the account's upstream with its own credential (see
   * {@link AccountProbe}) and answers status, ok, latency, model and a short text or error; an
   * upstream error is a 200 with {@code ok: false}, never the credential. Optional {@code {model}}.
   */
  public void test(RoutingContext rc) {
    String id = rc.pathParam("id");
    String model = AccountProbe.requestedModel(JsonFields.parse(rc.body().buffer()));
    find(id).compose(a -> probe.probe(a, model)).onSuccess(result -> {
      AuditLog.admin(AdminAudit.actor(rc), "account.test", Map.of("target", id, "platform", type.id(),
          "model", result.model(), "status", result.status(), "ok", result.ok(), "latencyMs", result.latencyMs()));
      AdminResponses.ok(rc, result.json(id, type));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** The account's last cool-downs, newest first, whichever node saw them ({@code ?limit=1..50}, default all kept). */
  public void errorHistory(RoutingContext rc) {
    String id = rc.pathParam("id");
    int limit = new QueryParams(rc).integer("limit", 1, AccountErrorLog.KEPT, AccountErrorLog.KEPT);
    find(id).compose(a -> Async.from(errors.recent(id, limit))).onSuccess(events -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      events.forEach(e -> data.addObject().put("at", e.at().toString()).put("until", e.until().toString())
          .put("reason", e.reason()));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** Forgets the account's error history on every node (it is one shared log). */
  public void clearErrorHistory(RoutingContext rc) {
    String id = rc.pathParam("id");
    find(id).compose(a -> Async.from(errors.clear(id))).onSuccess(v -> {
      AdminAudit.event(rc, "account.error-history.clear", Map.of("target", id));
      AdminResponses.ok(rc, JsonFields.JSON.createObjectNode().put("id", id).put("cleared", true));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private void change(RoutingContext rc, String action, UnaryOperator<Account> how) {
    String id = rc.pathParam("id");
    Instant now = clock.instant();
    find(id).compose(before -> {
      Account after = how.apply(before);
      return Async.from(accountStore.save(after)).map(v -> new Account[]{before, after});
    }).onSuccess(pair -> {
      ObjectNode after = AccountJson.view(pair[1], null, now, cipher);
      AdminAudit.change(rc, action, id, AccountJson.view(pair[0], null, now, cipher), after);
      AdminResponses.ok(rc, after);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private Future<Account> find(String id) {
    return Async.from(accountStore.findById(id)).compose(found -> found.isPresent() && found.get().type() == type
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(
            new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND, "Account " + id + " not found"))));
  }
}
