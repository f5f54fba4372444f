package io.clauderelay.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountProtections;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ModelSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON an upstream account is stored in: the whole record, lossless. The credential is written
 * as the Account carries it, i.e. already encrypted; this class never sees a plaintext secret.
 */
final class AccountJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccountJson() {}

  static String write(Account a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", a.id()).put("type", a.type().id()).put("name", a.name()).put("description", a.description());
    if (a.baseUrl() != null) n.put("baseUrl", a.baseUrl());
    if (a.credential() != null) n.put("credential", a.credential());
    n.put("priority", a.priority()).put("active", a.active()).put("schedulable", a.schedulable())
        .put("status", a.status().id()).put("errorMessage", a.errorMessage());
    ObjectNode models = n.putObject("models");
    ArrayNode list = models.putArray("list");
    a.models().models().forEach(list::add);
    ObjectNode mapping = models.putObject("mapping");
    // Sorted so that the same account always serialises to the same bytes.
    new TreeMap<>(a.models().mapping()).forEach(mapping::put);
    n.put("maxConcurrency", a.maxConcurrency()).put("dailyQuotaMicros", a.dailyQuotaMicros())
        .put("dedicated", a.dedicated());
    ArrayNode groups = n.putArray("groups");
    a.groups().stream().sorted().forEach(groups::add);
    n.put("proxy", a.proxy());
    if (!a.protections().equals(AccountProtections.NONE)) {
      AccountProtections p = a.protections();
      ObjectNode o = n.putObject("protections").put("autoStopOnWarning", p.autoStopOnWarning())
          .put("disableAutoProtection", p.disableAutoProtection());
      if (p.autoStopUtilization() != null) o.put("autoStopUtilization", p.autoStopUtilization());
      if (p.tempUnavailable503TtlSeconds() != null)
        o.put("tempUnavailable503TtlSeconds", p.tempUnavailable503TtlSeconds());
      if (p.tempUnavailable5xxTtlSeconds() != null)
        o.put("tempUnavailable5xxTtlSeconds", p.tempUnavailable5xxTtlSeconds());
      putInstant(o, "subscriptionExpiresAt", p.subscriptionExpiresAt());
      if (p.healthCheckIntervalSeconds() != null) o.put("healthCheckIntervalSeconds", p.healthCheckIntervalSeconds());
      o.put("userMessageQueueEnabled", p.userMessageQueueEnabled());
      if (p.userMessageQueueDelayMs() != null) o.put("userMessageQueueDelayMs", p.userMessageQueueDelayMs());
    }
    putInstant(n, "createdAt", a.createdAt());
    putInstant(n, "updatedAt", a.updatedAt());
    // Only when set: accounts of the types without options keep the bytes they always had.
    if (!a.options().isEmpty()) {
      ObjectNode options = n.putObject("options");
      a.options().forEach(options::put);
    }
    return n.toString();
  }

  static Account read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode m = n.path("models");
      List<String> models = new ArrayList<>();
      m.path("list").forEach(x -> models.add(x.asText()));
      Map<String, String> mapping = new LinkedHashMap<>();
      m.path("mapping").fields().forEachRemaining(f -> mapping.put(f.getKey(), f.getValue().asText()));
      Map<String, String> options = new LinkedHashMap<>();
      n.path("options").fields().forEachRemaining(f -> options.put(f.getKey(), f.getValue().asText()));
      Set<String> groups = new HashSet<>();
      n.path("groups").forEach(g -> groups.add(g.asText()));
      String type = n.path("type").asText();
      return new Account(n.path("id").asText(),
          AccountType.parse(type)
              .orElseThrow(() -> new IllegalStateException("unknown account type in Redis: " + type)),
          n.path("name").asText(), n.path("description").asText(), text(n, "baseUrl"), text(n, "credential"),
          n.path("priority").asInt(), n.path("active").asBoolean(), n.path("schedulable").asBoolean(),
          AccountStatus.parse(n.path("status").asText("active")), n.path("errorMessage").asText(),
          new ModelSupport(models, mapping), n.path("maxConcurrency").asInt(), n.path("dailyQuotaMicros").asLong(),
          n.path("dedicated").asBoolean(), groups, n.path("proxy").asText(), instant(n, "createdAt"),
          instant(n, "updatedAt"), options, protections(n.path("protections")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable account in Redis", e);
    }
  }

  private static void putInstant(ObjectNode n, String field, Instant value) {
    if (value != null) n.put(field, value.toString());
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }

  /** An account's optional protections; absent (written before they existed) means none. */
  private static AccountProtections protections(JsonNode o) {
    if (!o.isObject()) return AccountProtections.NONE;
    return new AccountProtections(o.path("autoStopOnWarning").asBoolean(), optionalInt(o, "autoStopUtilization"),
        o.path("disableAutoProtection").asBoolean(), optionalInt(o, "tempUnavailable503TtlSeconds"),
        optionalInt(o, "tempUnavailable5xxTtlSeconds"), instant(o, "subscriptionExpiresAt"),
        optionalInt(o, "healthCheckIntervalSeconds"), o.path("userMessageQueueEnabled").asBoolean(),
        optionalInt(o, "userMessageQueueDelayMs"));
  }

  private static Integer optionalInt(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asInt() : null;
  }
}
