package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ClientKind;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.key.Expiry;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.key.KeyQueue;
import io.clauderelay.domain.pricing.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the original's admin field names for keys (upstream-behaviour §2.2) onto {@link ApiKey}
 * and back, so existing operator scripts keep working.
 */
final class ApiKeyJson {
  private ApiKeyJson() {}

  /** Applies every field present in the body; absent fields keep their current value. */
  static ApiKey.Builder apply(JsonFields f, ApiKey current, ApiKey.Builder b, boolean create) {
    String name = f.string("name", 100);
    if (create && (name == null || name.isBlank())) throw JsonFields.bad("name", "is required");
    if (name != null) {
      if (name.isBlank()) throw JsonFields.bad("name", "must not be empty");
      b.name(name.trim());
    }
    String description = f.string("description", 500);
    if (description != null) b.description(description);
    Boolean active = f.bool("isActive");
    if (active != null) b.active(active);

    b.expiry(expiry(f, current == null ? Expiry.NEVER : current.expiry()));
    Set<Provider> permissions = permissions(f);
    if (permissions != null) b.permissions(permissions);
    b.limits(limits(f, current == null ? KeyLimits.NONE : current.limits()));
    b.queue(queue(f, current == null ? KeyQueue.DEFAULTS : current.queue()));

    Boolean modelRestriction = f.bool("enableModelRestriction");
    List<String> restricted = f.strings("restrictedModels");
    if (modelRestriction != null || restricted != null) {
      b.modelRestriction(
          modelRestriction != null ? modelRestriction : current != null && current.modelRestrictionEnabled(),
          restricted != null ? restricted : current == null ? List.of() : current.restrictedModels());
    }
    Boolean clientRestriction = f.bool("enableClientRestriction");
    List<String> clients = f.strings("allowedClients");
    if (clientRestriction != null || clients != null) {
      Set<ClientKind> kinds = new LinkedHashSet<>();
      if (clients != null) {
        for (String c : clients) {
          kinds.add(ClientKind.parse(c).orElseThrow(() -> JsonFields.bad("allowedClients",
              "contains unknown client '" + c + "' (known: claude_code, gemini_cli, codex_cli)")));
        }
      }
      b.clientRestriction(
          clientRestriction != null ? clientRestriction : current != null && current.clientRestrictionEnabled(),
          clients != null ? kinds : current == null ? Set.of() : current.allowedClients());
    }
    Map<Provider, String> bindings = new EnumMap<>(Provider.class);
    if (current != null) bindings.putAll(current.bindings());
    binding(f, "claudeAccountId", Provider.CLAUDE, bindings);
    binding(f, "claudeConsoleAccountId", Provider.CLAUDE, bindings);
    binding(f, "openaiAccountId", Provider.OPENAI, bindings);
    binding(f, "geminiAccountId", Provider.GEMINI, bindings);
    bedrockBinding(f, bindings);
    b.bindings(bindings);
    List<String> tags = f.strings("tags");
    if (tags != null) b.tags(tags);
    JsonNode rates = f.node("serviceRates");
    if (rates != null && !rates.isNull()) {
      if (!rates.isObject()) throw JsonFields.bad("serviceRates", "must be an object like {\"claude\": 1.5}");
      Map<Provider, BigDecimal> map = new EnumMap<>(Provider.class);
      rates.fields().forEachRemaining(e -> {
        Provider p = Provider.parse(e.getKey()).orElseThrow(() -> JsonFields.bad("serviceRates",
            "has unknown service '" + e.getKey() + "' (known: claude, openai, gemini)"));
        BigDecimal v = f.decimal(e.getValue(), "serviceRates." + e.getKey());
        if (v.signum() < 0) throw JsonFields.bad("serviceRates." + e.getKey(), "must not be negative");
        map.put(p, v);
      });
      b.serviceRates(map);
    }
    return b;
  }

  /**
   * CRS's {@code bedrockAccountId}: a Bedrock account serves Claude traffic, so it binds the key's
   * Claude requests, unless the same body binds a Claude account (CRS's order: Claude first). A blank
   * value leaves the binding alone: forms send every binding field, and a blank one is not a choice.
   */
  private static void bedrockBinding(JsonFields f, Map<Provider, String> bindings) {
    String v = f.string("bedrockAccountId", 200);
    if (v == null || v.isBlank()) return;
    for (String claude : new String[]{"claudeAccountId", "claudeConsoleAccountId"}) {
      String c = f.string(claude, 200);
      if (c != null && !c.isBlank()) return;
    }
    bindings.put(Provider.CLAUDE, v.trim());
  }

  private static void binding(JsonFields f, String field, Provider p, Map<Provider, String> bindings) {
    if (!f.has(field)) return;
    String v = f.string(field, 200);
    if (v == null || v.isBlank()) bindings.remove(p);
    else bindings.put(p, v.trim());
  }

  private static Expiry expiry(JsonFields f, Expiry current) {
    String modeText = f.string("expirationMode", 20);
    ExpirationMode mode = current.mode();
    if (modeText != null) {
      try {
        mode = ExpirationMode.parse(modeText);
      } catch (IllegalArgumentException e) {
        throw JsonFields.bad("expirationMode", "must be fixed or activation");
      }
    }
    if (mode == ExpirationMode.ACTIVATION) {
      if (f.has("expiresAt") && !f.string("expiresAt", 64).isEmpty()) {
        throw JsonFields.bad("expiresAt", "cannot be set in activation mode");
      }
      Integer days = f.integer("activationDays", 1, 36500);
      String unit = f.string("activationUnit", 10);
      if (unit != null && !unit.equals("days") && !unit.equals("hours")) {
        throw JsonFields.bad("activationUnit", "must be hours or days");
      }
      int amount = days != null ? days : current.activationAmount();
      if (amount < 1) throw JsonFields.bad("activationDays", "must be at least 1 in activation mode");
      boolean inDays = unit != null
          ? unit.equals("days")
          : current.mode() != ExpirationMode.ACTIVATION || current.activationInDays();
      return new Expiry(ExpirationMode.ACTIVATION, current.activatedAt() == null ? null : current.expiresAt(), amount,
          inDays,
          current.activatedAt());
    }
    if (f.has("expiresAt")) {
      String at = f.string("expiresAt", 64);
      if (at.isEmpty()) return Expiry.NEVER;
      try {
        return Expiry.fixed(Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw JsonFields.bad("expiresAt", "must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
      }
    }
    return current.mode() == ExpirationMode.ACTIVATION ? Expiry.fixed(current.expiresAt()) : current;
  }

  private static Set<Provider> permissions(JsonFields f) {
    JsonNode v = f.node("permissions");
    if (v == null || v.isNull()) return null;
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.isEmpty() || s.equals("all")) return Set.of();
      return EnumSet
          .of(Provider.parse(s).orElseThrow(() -> JsonFields.bad("permissions", "has unknown service '" + s + "'")));
    }
    List<String> list = f.strings("permissions");
    Set<Provider> set = EnumSet.noneOf(Provider.class);
    for (String s : list) {
      set.add(Provider.parse(s).orElseThrow(() -> JsonFields.bad("permissions",
          "has unknown service '" + s + "' (known: claude, openai, gemini)")));
    }
    return set;
  }

  private static KeyLimits limits(JsonFields f, KeyLimits c) {
    Integer concurrency = f.integer("concurrencyLimit", 0, 100_000);
    Integer window = f.integer("rateLimitWindow", 0, 525_600);
    Integer requests = f.integer("rateLimitRequests", 0, Integer.MAX_VALUE);
    Integer tokens = f.integer("tokenLimit", 0, Integer.MAX_VALUE);
    Long windowCost = f.dollars("rateLimitCost");
    Long daily = f.dollars("dailyCostLimit");
    Long total = f.dollars("totalCostLimit");
    Long weekly = f.dollars("weeklyOpusCostLimit");
    if (weekly == null) weekly = f.dollars("weeklyCostLimit");
    Integer resetDay = f.integer("weeklyResetDay", 1, 7);
    Integer resetHour = f.integer("weeklyResetHour", 0, 23);
    return new KeyLimits(
        concurrency != null ? concurrency : c.concurrency(),
        window != null ? window : c.windowMinutes(),
        requests != null ? requests : c.windowRequests(),
        tokens != null ? tokens : c.windowTokens(),
        windowCost != null ? windowCost : c.windowCostMicros(),
        daily != null ? daily : c.dailyCostMicros(),
        total != null ? total : c.totalCostMicros(),
        weekly != null ? weekly : c.weeklyCostMicros(),
        resetDay != null ? resetDay : c.weeklyResetDay(),
        resetHour != null ? resetHour : c.weeklyResetHour());
  }

  /** CRS's queue fields; null (or absent on create) means the relay's CONCURRENCY_QUEUE_* default. */
  private static KeyQueue queue(JsonFields f, KeyQueue c) {
    // Present (even as null) replaces the key's value; absent keeps it.
    boolean enabledSent = f.node("concurrencyQueueEnabled") != null;
    boolean sizeSent = f.node("concurrencyQueueMaxSize") != null;
    boolean timeoutSent = f.node("concurrencyQueueTimeoutMs") != null;
    return new KeyQueue(enabledSent ? f.bool("concurrencyQueueEnabled") : c.enabled(),
        sizeSent ? f.integer("concurrencyQueueMaxSize", 1, 100_000) : c.maxSize(),
        timeoutSent ? f.integer("concurrencyQueueTimeoutMs", 1, 3_600_000) : c.timeoutMs());
  }

  /** The admin view of a key: never the secret, never its hash. */
  static ObjectNode view(ApiKey k) {
    ObjectNode n = JsonFields.JSON.createObjectNode();
    n.put("id", k.id()).put("name", k.name()).put("description", k.description()).put("isActive", k.active());
    n.put("createdAt", k.createdAt().toString()).put("updatedAt", k.updatedAt().toString());
    Expiry e = k.expiry();
    n.put("expiresAt", e.expiresAt() == null ? "" : e.expiresAt().toString());
    n.put("expirationMode", e.mode().id());
    n.put("activationDays", e.activationAmount());
    n.put("activationUnit", e.activationInDays() ? "days" : "hours");
    n.put("isActivated", e.mode() == ExpirationMode.FIXED || e.activatedAt() != null);
    n.put("activatedAt", e.activatedAt() == null ? "" : e.activatedAt().toString());
    ArrayNode perms = n.putArray("permissions");
    k.permissions().stream().sorted().forEach(p -> perms.add(p.id()));
    KeyLimits l = k.limits();
    n.put("concurrencyLimit", l.concurrency()).put("rateLimitWindow", l.windowMinutes())
        .put("rateLimitRequests", l.windowRequests()).put("tokenLimit", l.windowTokens())
        .put("rateLimitCost", Money.toDollars(l.windowCostMicros()))
        .put("dailyCostLimit", Money.toDollars(l.dailyCostMicros()))
        .put("totalCostLimit", Money.toDollars(l.totalCostMicros()))
        .put("weeklyOpusCostLimit", Money.toDollars(l.weeklyCostMicros()))
        .put("weeklyResetDay", l.weeklyResetDay()).put("weeklyResetHour", l.weeklyResetHour());
    n.put("enableModelRestriction", k.modelRestrictionEnabled());
    ArrayNode models = n.putArray("restrictedModels");
    k.restrictedModels().forEach(models::add);
    n.put("enableClientRestriction", k.clientRestrictionEnabled());
    ArrayNode clients = n.putArray("allowedClients");
    k.allowedClients().stream().sorted().forEach(c -> clients.add(c.id()));
    n.put("claudeAccountId", k.bindings().getOrDefault(Provider.CLAUDE, ""));
    n.put("openaiAccountId", k.bindings().getOrDefault(Provider.OPENAI, ""));
    n.put("geminiAccountId", k.bindings().getOrDefault(Provider.GEMINI, ""));
    ArrayNode tags = n.putArray("tags");
    k.tags().forEach(tags::add);
    ObjectNode rates = n.putObject("serviceRates");
    k.serviceRates().forEach((p, r) -> rates.put(p.id(), r));
    // null: the key follows the relay's default (CONCURRENCY_QUEUE_*).
    KeyQueue q = k.queue();
    if (q.enabled() == null) n.putNull("concurrencyQueueEnabled");
    else n.put("concurrencyQueueEnabled", q.enabled());
    if (q.maxSize() == null) n.putNull("concurrencyQueueMaxSize");
    else n.put("concurrencyQueueMaxSize", q.maxSize());
    if (q.timeoutMs() == null) n.putNull("concurrencyQueueTimeoutMs");
    else n.put("concurrencyQueueTimeoutMs", q.timeoutMs());
    n.put("isDeleted", k.deleted());
    n.put("deletedAt", k.deletedAt() == null ? "" : k.deletedAt().toString());
    return n;
  }
}
