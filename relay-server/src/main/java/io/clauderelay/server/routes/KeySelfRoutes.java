package io.clauderelay.server.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyPolicy;
import io.clauderelay.domain.key.RequestFacts;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageTotals;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.clauderelay.server.relay.UsageRecorder;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What a key may ask about itself: models, key-info, usage and the {@code me} stub Claude Code calls. */
public final class KeySelfRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UsageLedger ledger;
  private final Clock clock;
  private final RelaySettings settings;
  private final ClientKeyAuthenticator auth;
  private final UsageRecorder recorder;
  private final ModelList models;

  public KeySelfRoutes(UsageLedger ledger, Clock clock, RelaySettings settings, ClientKeyAuthenticator auth,
      UsageRecorder recorder,
      ModelList models) {
    this.ledger = ledger;
    this.clock = clock;
    this.settings = settings;
    this.auth = auth;
    this.recorder = recorder;
    this.models = models;
  }

  private Future<ApiKey> usableKey(RoutingContext rc) {
    return auth.authenticate(rc.request()).compose(key -> {
      Optional<Failure> refused = KeyPolicy.check(key,
          new RequestFacts(Provider.CLAUDE, null, rc.request().getHeader("user-agent"), true), clock.instant());
      if (refused.isPresent() && refused.get().kind().name().startsWith("AUTH_")) {
        return Future.failedFuture(new FailureException(refused.get()));
      }
      return Future.succeededFuture(key);
    });
  }

  public void models(RoutingContext rc) {
    usableKey(rc).onSuccess(key -> {
      ObjectNode root = JSON.createObjectNode();
      root.put("object", "list");
      ArrayNode data = root.putArray("data");
      long created = 1_700_000_000L;
      for (ModelList.Entry e : models.entries()) {
        if (!key.permits(e.provider()) || KeyPolicy.isModelBlocked(key, e.id())) continue;
        data.addObject().put("id", e.id()).put("object", "model").put("type", "model").put("display_name", e.id())
            .put("created", created).put("created_at", Instant.ofEpochSecond(created).toString())
            .put("owned_by", e.ownedBy());
      }
      root.put("has_more", false);
      root.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
      root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
      json(rc, root);
    }).onFailure(err -> fail(rc, err));
  }

  public void me(RoutingContext rc) {
    usableKey(rc).onSuccess(key -> json(rc, JSON.createObjectNode().put("id", "user_" + key.id()).put("type", "user")
        .put("display_name", key.name()).put("created_at", key.createdAt().toString())))
        .onFailure(err -> fail(rc, err));
  }

  public void keyInfo(RoutingContext rc) {
    usableKey(rc).compose(key -> usage(key).map(u -> {
      ObjectNode info = JSON.createObjectNode();
      info.put("id", key.id()).put("name", key.name()).put("description", key.description());
      info.put("tokenLimit", key.limits().windowTokens());
      info.put("expiresAt", key.expiry().expiresAt() == null ? null : key.expiry().expiresAt().toString());
      ArrayNode perms = info.putArray("permissions");
      key.permissions().forEach(p -> perms.add(p.id()));
      info.set("usage", usageNode(u));
      info.set("limits", limitsNode(key, u));
      ObjectNode root = JSON.createObjectNode();
      root.set("keyInfo", info);
      root.put("timestamp", Instant.now().toString());
      return root;
    })).onSuccess(body -> json(rc, body)).onFailure(err -> fail(rc, err));
  }

  public void usage(RoutingContext rc) {
    usableKey(rc).compose(key -> usage(key).map(u -> {
      ObjectNode root = JSON.createObjectNode();
      root.set("usage", usageNode(u));
      root.set("limits", limitsNode(key, u));
      root.put("timestamp", Instant.now().toString());
      return root;
    })).onSuccess(body -> json(rc, body)).onFailure(err -> fail(rc, err));
  }

  public Future<KeyUsage> usage(ApiKey key) {
    Instant now = clock.instant();
    return Async.from(ledger.keyUsage(key.id(), recorder.bucketsFor(key, now), key.limits().windowMinutes(), now));
  }

  public static ObjectNode usageNode(KeyUsage u) {
    ObjectNode n = JSON.createObjectNode();
    n.set("total", totals(u.total()));
    n.set("daily", totals(u.today()));
    n.set("monthly", totals(u.month()));
    n.put("lastUsedAt", u.lastUsedAt() == null ? null : u.lastUsedAt().toString());
    return n;
  }

  public static ObjectNode totals(UsageTotals t) {
    return JSON.createObjectNode()
        .put("requests", t.requests())
        .put("inputTokens", t.tokens().input())
        .put("outputTokens", t.tokens().output())
        .put("cacheCreateTokens", t.tokens().cacheWrite())
        .put("cacheCreate5mTokens", t.tokens().cacheWrite5m())
        .put("cacheCreate1hTokens", t.tokens().cacheWrite1h())
        .put("cacheReadTokens", t.tokens().cacheRead())
        .put("allTokens", t.tokens().total())
        .put("cost", Money.toDollars(t.ratedCostMicros()))
        .put("realCost", Money.toDollars(t.realCostMicros()))
        .put("formattedCost",
            "$" + Money.toDollars(t.ratedCostMicros()).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString());
  }

  public static ObjectNode limitsNode(ApiKey key, KeyUsage u) {
    var l = key.limits();
    return JSON.createObjectNode()
        .put("concurrencyLimit", l.concurrency())
        .put("currentConcurrency", u.inFlight())
        .put("rateLimitWindow", l.windowMinutes())
        .put("rateLimitRequests", l.windowRequests())
        .put("tokenLimit", l.windowTokens())
        .put("rateLimitCost", Money.toDollars(l.windowCostMicros()))
        .put("currentWindowRequests", u.windowRequests())
        .put("currentWindowTokens", u.windowTokens())
        .put("currentWindowCost", Money.toDollars(u.windowCostMicros()))
        .put("windowStartTime", u.windowStart() == null ? null : u.windowStart().toString())
        .put("dailyCostLimit", Money.toDollars(l.dailyCostMicros()))
        .put("currentDailyCost", Money.toDollars(u.dailyCostMicros()))
        .put("totalCostLimit", Money.toDollars(l.totalCostMicros()))
        .put("currentTotalCost", Money.toDollars(u.totalCostMicros()))
        .put("weeklyCostLimit", Money.toDollars(l.weeklyCostMicros()))
        .put("currentWeeklyCost", Money.toDollars(u.weeklyCostMicros()))
        .put("weeklyResetDay", l.weeklyResetDay())
        .put("weeklyResetHour", l.weeklyResetHour());
  }

  static void json(RoutingContext rc, Object body) {
    rc.response().putHeader("content-type", "application/json").end(body.toString());
  }

  static void fail(RoutingContext rc, Throwable err) {
    Failure f = err instanceof FailureException fe
        ? fe.failure()
        : FailureResponses.storeUnavailable("The relay's store is unavailable; retry shortly");
    FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()), f);
  }
}
