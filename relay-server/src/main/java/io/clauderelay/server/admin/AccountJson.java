package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountProtections;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ModelSupport;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.port.SecretCipher;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the original's account fields ({@code name, apiUrl, apiKey, priority, supportedModels,
 * maxConcurrentTasks, dailyQuota, …}) onto {@link Account}; the credential (and the proxy) is
 * encrypted on the way in; the credential is never shown on the way out, the proxy only masked.
 */
final class AccountJson {
  private AccountJson() {}

  static Account create(JsonFields f, AccountType type, String id, SecretCipher cipher, Instant now) {
    String name = f.string("name", 100);
    if (name == null || name.isBlank()) throw JsonFields.bad("name", "is required");
    if (CloudAccountFields.handles(type)) {
      CloudAccountFields.Parts cloud = CloudAccountFields.create(f, type, cipher);
      return common(f, type, id, name, cloud.baseUrl(), cloud.credential(), cloud.options(), cipher, now);
    }
    String urlField = urlField(type);
    String apiUrl = f.string(urlField, 2000);
    if (apiUrl == null || apiUrl.isBlank()) apiUrl = f.string("apiUrl", 2000);
    if ((apiUrl == null || apiUrl.isBlank()) && defaultUrl(type) != null) apiUrl = defaultUrl(type);
    if (apiUrl == null || apiUrl.isBlank())
      throw JsonFields.bad(urlField, "is required (e.g. https://api.anthropic.com)");
    checkUrl(apiUrl);
    String apiKey = f.string("apiKey", 10_000);
    if (apiKey == null || apiKey.isBlank()) throw JsonFields.bad("apiKey", "is required");
    return common(f, type, id, name, apiUrl.trim(), cipher.encrypt(apiKey.trim()), Map.of(), cipher, now);
  }

  /** An account of {@code type} at {@code baseUrl} with its credential already encrypted, the common fields from {@code f}. */
  static Account create(JsonFields f, AccountType type, String id, String baseUrl, String encryptedCredential,
      SecretCipher cipher, Instant now) {
    String name = f.string("name", 100);
    if (name == null || name.isBlank()) throw JsonFields.bad("name", "is required");
    return common(f, type, id, name, baseUrl, encryptedCredential, Map.of(), cipher, now);
  }

  /** The fields every account type shares, around its base URL, encrypted credential and options. */
  private static Account common(JsonFields f, AccountType type, String id, String name, String baseUrl,
      String credential, Map<String, String> options, SecretCipher cipher, Instant now) {
    Integer priority = f.integer("priority", 1, 100);
    Integer maxConcurrent = f.integer("maxConcurrentTasks", 0, 100_000);
    Long quota = f.dollars("dailyQuota");
    String accountType = accountType(f);
    Boolean schedulable = f.bool("schedulable");
    Boolean active = f.bool("isActive");
    List<String> groups = f.strings("groupIds");
    return new Account(id, type, name.trim(), f.string("description", 500), baseUrl, credential,
        priority == null ? 50 : priority, active == null || active, schedulable == null || schedulable,
        AccountStatus.ACTIVE, "", models(f), maxConcurrent == null ? 0 : maxConcurrent, quota == null ? 0 : quota,
        "dedicated".equals(accountType), groups == null ? Set.of() : Set.copyOf(groups), ProxyField.create(f, cipher),
        now, now, options, protections(f, AccountProtections.NONE));
  }

  /**
   * The account's protections ({@link AccountProtections}, CRS's names): a field sent replaces {@code c}'s
   * (null or an empty date clears it), an absent one keeps it.
   */
  static AccountProtections protections(JsonFields f, AccountProtections c) {
    Boolean stop = f.bool("autoStopOnWarning");
    Boolean unprotected = f.bool("disableAutoProtection");
    Integer at = f.node("autoStopUtilization") != null
        ? f.integer("autoStopUtilization", 1, 100)
        : c.autoStopUtilization();
    Integer ttl503 = f.node("tempUnavailable503TtlSeconds") != null
        ? f.integer("tempUnavailable503TtlSeconds", 0, 86_400)
        : c.tempUnavailable503TtlSeconds();
    Integer ttl5xx = f.node("tempUnavailable5xxTtlSeconds") != null
        ? f.integer("tempUnavailable5xxTtlSeconds", 0, 86_400)
        : c.tempUnavailable5xxTtlSeconds();
    Integer every = f.node("healthCheckIntervalSeconds") != null
        ? f.integer("healthCheckIntervalSeconds", 0, 86_400)
        : c.healthCheckIntervalSeconds();
    Boolean turns = f.bool("userMessageQueueEnabled");
    Integer gap = f.node("userMessageQueueDelayMs") != null
        ? f.integer("userMessageQueueDelayMs", 0, 60_000)
        : c.userMessageQueueDelayMs();
    Instant expires = c.subscriptionExpiresAt();
    if (f.node("subscriptionExpiresAt") != null) {
      String v = f.string("subscriptionExpiresAt", 64);
      try {
        expires = v == null || v.isBlank() ? null : Instant.parse(v.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw JsonFields.bad("subscriptionExpiresAt", "must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
      }
    }
    return new AccountProtections(stop != null ? stop : c.autoStopOnWarning(), at,
        unprotected != null ? unprotected : c.disableAutoProtection(), ttl503, ttl5xx, expires, every,
        turns != null ? turns : c.userMessageQueueEnabled(), gap);
  }

  /** The original's name of the base URL field: {@code apiUrl}, {@code baseApi} (OpenAI) or {@code baseUrl} (Gemini). */
  static String urlField(AccountType type) {
    return switch (type) {
      case OPENAI -> "baseApi";
      case GEMINI -> "baseUrl";
      default -> "apiUrl";
    };
  }

  /** The vendor's own API when an OpenAI or Gemini account names no base URL; Claude accounts must. */
  private static String defaultUrl(AccountType type) {
    return switch (type) {
      case OPENAI -> "https://api.openai.com";
      case GEMINI -> "https://generativelanguage.googleapis.com";
      default -> null;
    };
  }

  /** The optional {@code accountType}: shared, dedicated or group; null when absent. */
  static String accountType(JsonFields f) {
    String accountType = f.string("accountType", 20);
    if (accountType != null && !Set.of("shared", "dedicated", "group").contains(accountType)) {
      throw JsonFields.bad("accountType", "must be shared, dedicated or group");
    }
    return accountType;
  }

  static void checkUrl(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw JsonFields.bad("apiUrl", "must be an http(s) URL such as https://api.anthropic.com");
      }
    } catch (IllegalArgumentException e) {
      throw JsonFields.bad("apiUrl", "must be an http(s) URL such as https://api.anthropic.com");
    }
  }

  static ModelSupport models(JsonFields f) {
    JsonNode v = f.node("supportedModels");
    if (v == null || v.isNull()) return ModelSupport.ALL;
    if (v.isArray()) return ModelSupport.list(f.strings("supportedModels"));
    if (v.isObject()) {
      Map<String, String> map = new LinkedHashMap<>();
      v.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) throw JsonFields.bad("supportedModels." + e.getKey(), "must be a model name");
        map.put(e.getKey(), e.getValue().asText());
      });
      return ModelSupport.map(map);
    }
    throw JsonFields.bad("supportedModels", "must be a list of models or a map of requested → upstream model");
  }

  static ObjectNode view(Account a, AccountRuntime rt, Instant now, SecretCipher cipher) {
    ObjectNode n = JsonFields.JSON.createObjectNode();
    n.put("id", a.id()).put("platform", a.type().id()).put("name", a.name()).put("description", a.description())
        .put("apiUrl", a.baseUrl()).put(urlField(a.type()), a.baseUrl()).put("priority", a.priority())
        .put("isActive", a.active())
        .put("schedulable", a.schedulable()).put("status", a.status().id()).put("errorMessage", a.errorMessage())
        .put("maxConcurrentTasks", a.maxConcurrency()).put("dailyQuota", Money.toDollars(a.dailyQuotaMicros()))
        .put("accountType", a.dedicated() ? "dedicated" : "shared").put("proxy", ProxyField.view(a.proxy(), cipher))
        .put("createdAt", a.createdAt().toString()).put("updatedAt", a.updatedAt().toString())
        .put("autoStopOnWarning", a.protections().autoStopOnWarning())
        .put("autoStopUtilization", a.protections().autoStopUtilization())
        .put("disableAutoProtection", a.protections().disableAutoProtection())
        .put("tempUnavailable503TtlSeconds", a.protections().tempUnavailable503TtlSeconds())
        .put("tempUnavailable5xxTtlSeconds", a.protections().tempUnavailable5xxTtlSeconds())
        .put("subscriptionExpiresAt",
            a.protections().subscriptionExpiresAt() == null ? null : a.protections().subscriptionExpiresAt().toString())
        .put("expired", a.protections().expired(now))
        .put("healthCheckIntervalSeconds", a.protections().healthCheckIntervalSeconds())
        .put("userMessageQueueEnabled", a.protections().userMessageQueueEnabled())
        .put("userMessageQueueDelayMs", a.protections().userMessageQueueDelayMs());
    if (a.type() == AccountType.BEDROCK) BedrockAccountJson.decorate(n, a, cipher);
    if (a.models().mapping().isEmpty()) {
      ArrayNode models = n.putArray("supportedModels");
      a.models().models().forEach(models::add);
    } else {
      ObjectNode map = n.putObject("supportedModels");
      a.models().mapping().forEach(map::put);
    }
    ArrayNode groups = n.putArray("groupIds");
    a.groups().forEach(groups::add);
    CloudAccountFields.view(a, n);
    AccountRuntime r = rt == null ? AccountRuntime.IDLE : rt;
    n.put("coolingDown", r.coolingDown(now));
    n.put("coolingUntil", r.coolingDown(now) ? r.coolingUntil().toString() : null);
    n.put("coolingReason", r.coolingDown(now) ? r.coolingReason() : null);
    n.put("currentConcurrency", r.inFlight());
    // The list-price cost counted against dailyQuota today (the console's quota bar).
    n.put("todayCost", Money.toDollars(r.todayCostMicros()));
    n.put("lastUsedAt", r.lastUsedAt() == null ? null : r.lastUsedAt().toString());
    return n;
  }
}
