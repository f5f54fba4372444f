package io.clauderelay.server.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.clauderelay.server.log.AuditLog;
import io.clauderelay.server.log.Redact;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /apiStats/api/user-stats {apiKey}}: a key owner proves ownership with the key itself
 * (never its id alone, unlike the original) and sees usage, cost and remaining limits in the
 * original's field names.
 */
public final class ApiStatsRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientKeyAuthenticator auth;
  private final KeySelfRoutes self;
  private final Clock clock;

  public ApiStatsRoutes(ClientKeyAuthenticator auth, KeySelfRoutes self, Clock clock) {
    this.auth = auth;
    this.self = self;
    this.clock = clock;
  }

  public void userStats(RoutingContext rc) {
    String apiKey;
    try {
      JsonNode body = JSON.readTree(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes());
      JsonNode v = body == null ? null : body.get("apiKey");
      if (body != null && body.hasNonNull("apiId") && v == null) {
        fail(rc,
            Failure.of(FailureKind.CALLER_BAD_REQUEST, "apiKey is required: stats are shown to the key's owner only")
                .withDetail("field", "apiKey"));
        return;
      }
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        fail(rc, Failure.of(FailureKind.CALLER_BAD_REQUEST, "apiKey is required").withDetail("field", "apiKey"));
        return;
      }
      apiKey = v.asText().trim();
    } catch (IOException e) {
      fail(rc, Failure.of(FailureKind.CALLER_BAD_REQUEST, "body is not valid JSON").withDetail("field", "body"));
      return;
    }
    auth.lookup(apiKey).compose(key -> self.usage(key).map(u -> view(key, u))).onSuccess(data -> {
      ObjectNode root = JSON.createObjectNode().put("success", true);
      root.set("data", data);
      rc.response().putHeader("content-type", "application/json").end(root.toString());
    }).onFailure(err -> {
      if (err instanceof FailureException fe) {
        AuditLog.security("api-stats.invalid-key", Map.of("keyPrefix", Redact.keyPrefix(apiKey)));
        fail(rc, fe.failure());
      } else {
        fail(rc, FailureResponses.storeUnavailable("The relay's store is unavailable; retry shortly"));
      }
    });
  }

  private ObjectNode view(ApiKey k, KeyUsage u) {
    Instant now = clock.instant();
    ObjectNode d = JSON.createObjectNode();
    d.put("id", k.id()).put("name", k.name()).put("description", k.description()).put("isActive", k.active())
        .put("createdAt", k.createdAt().toString())
        .put("expiresAt", k.expiry().expiresAt() == null ? "" : k.expiry().expiresAt().toString())
        .put("expirationMode", k.expiry().mode().id())
        .put("isActivated", k.expiry().mode() == ExpirationMode.FIXED || k.expiry().activatedAt() != null)
        .put("activationDays", k.expiry().activationAmount())
        .put("activatedAt", k.expiry().activatedAt() == null ? "" : k.expiry().activatedAt().toString());
    ArrayNode perms = d.putArray("permissions");
    k.permissions().stream().sorted().forEach(p -> perms.add(p.id()));
    ObjectNode usage = d.putObject("usage");
    usage.set("total", withTokens(KeySelfRoutes.totals(u.total())));
    usage.set("daily", withTokens(KeySelfRoutes.totals(u.today())));
    usage.set("monthly", withTokens(KeySelfRoutes.totals(u.month())));
    ObjectNode limits = KeySelfRoutes.limitsNode(k, u);
    limits.put("weeklyOpusCostLimit", Money.toDollars(k.limits().weeklyCostMicros()))
        .put("weeklyOpusCost", Money.toDollars(u.weeklyCostMicros()));
    Instant windowEnd = u.windowStart() == null || k.limits().windowMinutes() == 0
        ? null
        : u.windowStart().plus(Duration.ofMinutes(k.limits().windowMinutes()));
    limits.put("windowEndTime", windowEnd == null ? null : windowEnd.toString());
    limits.put("windowRemainingSeconds",
        windowEnd == null ? 0 : Math.max(0, Duration.between(now, windowEnd).toSeconds()));
    remaining(limits, "remainingDailyCost", k.limits().dailyCostMicros(), u.dailyCostMicros());
    remaining(limits, "remainingTotalCost", k.limits().totalCostMicros(), u.totalCostMicros());
    remaining(limits, "remainingWeeklyCost", k.limits().weeklyCostMicros(), u.weeklyCostMicros());
    d.set("limits", limits);
    d.putObject("accounts").put("claudeAccountId", k.bindings().getOrDefault(Provider.CLAUDE, ""))
        .put("geminiAccountId", k.bindings().getOrDefault(Provider.GEMINI, ""))
        .put("openaiAccountId", k.bindings().getOrDefault(Provider.OPENAI, ""));
    ObjectNode restrictions = d.putObject("restrictions").put("enableModelRestriction", k.modelRestrictionEnabled())
        .put("enableClientRestriction", k.clientRestrictionEnabled());
    ArrayNode models = restrictions.putArray("restrictedModels");
    k.restrictedModels().forEach(models::add);
    ArrayNode clients = restrictions.putArray("allowedClients");
    k.allowedClients().forEach(c -> clients.add(c.id()));
    ObjectNode rates = d.putObject("serviceRates");
    k.serviceRates().forEach((p, r) -> rates.put(p.id(), r));
    return d;
  }

  /** The original's {@code tokens} is the total of every kind. */
  private static ObjectNode withTokens(ObjectNode totals) {
    return totals.put("tokens", totals.path("allTokens").asLong());
  }

  /** Dollars left under a limit, or null when the limit is off (0). */
  private static void remaining(ObjectNode limits, String field, long limitMicros, long usedMicros) {
    if (limitMicros == 0) limits.putNull(field);
    else limits.put(field, Money.toDollars(Math.max(0, limitMicros - usedMicros)));
  }

  private static void fail(RoutingContext rc, Failure f) {
    FailureResponses.send(rc.response(), ApiFamily.ADMIN, f);
  }
}
