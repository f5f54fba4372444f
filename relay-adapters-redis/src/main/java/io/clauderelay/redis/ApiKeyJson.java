package io.clauderelay.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ClientKind;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.key.Expiry;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.key.KeyQueue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON a relay key is stored in: the whole record, lossless (instants to the nanosecond, rates
 * as decimal strings so their scale survives). Only the hash of the secret is in it, never the secret.
 */
final class ApiKeyJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiKeyJson() {}

  static String write(ApiKey k) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", k.id()).put("name", k.name()).put("description", k.description()).put("hash", k.hash())
        .put("active", k.active());
    putInstant(n, "createdAt", k.createdAt());
    putInstant(n, "updatedAt", k.updatedAt());
    putInstant(n, "deletedAt", k.deletedAt());
    Expiry e = k.expiry();
    ObjectNode en = n.putObject("expiry").put("mode", e.mode().id()).put("activationAmount", e.activationAmount())
        .put("activationInDays", e.activationInDays());
    putInstant(en, "expiresAt", e.expiresAt());
    putInstant(en, "activatedAt", e.activatedAt());
    ArrayNode perms = n.putArray("permissions");
    k.permissions().stream().map(Enum::name).sorted().forEach(perms::add);
    KeyLimits l = k.limits();
    n.putObject("limits").put("concurrency", l.concurrency()).put("windowMinutes", l.windowMinutes())
        .put("windowRequests", l.windowRequests()).put("windowTokens", l.windowTokens())
        .put("windowCostMicros", l.windowCostMicros()).put("dailyCostMicros", l.dailyCostMicros())
        .put("totalCostMicros", l.totalCostMicros()).put("weeklyCostMicros", l.weeklyCostMicros())
        .put("weeklyResetDay", l.weeklyResetDay()).put("weeklyResetHour", l.weeklyResetHour());
    n.put("modelRestrictionEnabled", k.modelRestrictionEnabled());
    ArrayNode models = n.putArray("restrictedModels");
    k.restrictedModels().forEach(models::add);
    n.put("clientRestrictionEnabled", k.clientRestrictionEnabled());
    ArrayNode clients = n.putArray("allowedClients");
    k.allowedClients().stream().map(Enum::name).sorted().forEach(clients::add);
    ObjectNode bindings = n.putObject("bindings");
    k.bindings().forEach((p, v) -> bindings.put(p.name(), v));
    ArrayNode tags = n.putArray("tags");
    k.tags().forEach(tags::add);
    ObjectNode rates = n.putObject("serviceRates");
    k.serviceRates().forEach((p, v) -> rates.put(p.name(), v.toString()));
    // Only the fields the key sets: an absent one follows the relay's CONCURRENCY_QUEUE_* default.
    KeyQueue q = k.queue();
    if (!q.equals(KeyQueue.DEFAULTS)) {
      ObjectNode qn = n.putObject("queue");
      if (q.enabled() != null) qn.put("enabled", q.enabled());
      if (q.maxSize() != null) qn.put("maxSize", q.maxSize());
      if (q.timeoutMs() != null) qn.put("timeoutMs", q.timeoutMs());
    }
    return n.toString();
  }

  static ApiKey read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode e = n.path("expiry");
      JsonNode l = n.path("limits");
      Set<Provider> permissions = EnumSet.noneOf(Provider.class);
      n.path("permissions").forEach(p -> permissions.add(Provider.valueOf(p.asText())));
      List<String> models = new ArrayList<>();
      n.path("restrictedModels").forEach(m -> models.add(m.asText()));
      Set<ClientKind> clients = EnumSet.noneOf(ClientKind.class);
      n.path("allowedClients").forEach(c -> clients.add(ClientKind.valueOf(c.asText())));
      Map<Provider, String> bindings = new EnumMap<>(Provider.class);
      n.path("bindings").fields()
          .forEachRemaining(f -> bindings.put(Provider.valueOf(f.getKey()), f.getValue().asText()));
      List<String> tags = new ArrayList<>();
      n.path("tags").forEach(t -> tags.add(t.asText()));
      Map<Provider, BigDecimal> rates = new EnumMap<>(Provider.class);
      n.path("serviceRates").fields().forEachRemaining(
          f -> rates.put(Provider.valueOf(f.getKey()), new BigDecimal(f.getValue().asText())));
      return new ApiKey(n.path("id").asText(), n.path("name").asText(), n.path("description").asText(),
          n.path("hash").asText(), n.path("active").asBoolean(), instant(n, "createdAt"), instant(n, "updatedAt"),
          new Expiry(ExpirationMode.parse(e.path("mode").asText("fixed")), instant(e, "expiresAt"),
              e.path("activationAmount").asInt(), e.path("activationInDays").asBoolean(true),
              instant(e, "activatedAt")),
          permissions,
          new KeyLimits(l.path("concurrency").asInt(), l.path("windowMinutes").asInt(),
              l.path("windowRequests").asLong(),
              l.path("windowTokens").asLong(), l.path("windowCostMicros").asLong(), l.path("dailyCostMicros").asLong(),
              l.path("totalCostMicros").asLong(), l.path("weeklyCostMicros").asLong(),
              l.path("weeklyResetDay").asInt(1), l.path("weeklyResetHour").asInt(0)),
          n.path("modelRestrictionEnabled").asBoolean(), models, n.path("clientRestrictionEnabled").asBoolean(),
          clients, bindings, tags, rates, instant(n, "deletedAt"), queue(n.path("queue")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable API key in Redis", e);
    }
  }

  private static KeyQueue queue(JsonNode q) {
    if (q.isMissingNode() || q.isNull()) return KeyQueue.DEFAULTS;
    return new KeyQueue(q.hasNonNull("enabled") ? q.get("enabled").asBoolean() : null,
        q.hasNonNull("maxSize") ? q.get("maxSize").asInt() : null,
        q.hasNonNull("timeoutMs") ? q.get("timeoutMs").asInt() : null);
  }

  private static void putInstant(ObjectNode n, String field, Instant value) {
    if (value != null) n.put(field, value.toString());
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }
}
