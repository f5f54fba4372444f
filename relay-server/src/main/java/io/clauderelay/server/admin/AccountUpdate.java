package io.clauderelay.server.admin;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.ModelSupport;
import io.clauderelay.domain.port.SecretCipher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies the fields present in an update body to an account; a new credential is encrypted, an absent one kept. */
final class AccountUpdate {
  private AccountUpdate() {}

  static Account apply(JsonFields f, Account c, SecretCipher cipher, Instant now) {
    String name = f.string("name", 100);
    if (name != null && name.isBlank()) throw JsonFields.bad("name", "must not be empty");
    String baseUrl;
    String credential;
    Map<String, String> options = c.options();
    if (CloudAccountFields.handles(c.type())) {
      CloudAccountFields.Parts cloud = CloudAccountFields.update(f, c, cipher);
      baseUrl = cloud.baseUrl();
      credential = cloud.credential();
      options = cloud.options();
    } else {
      // The type's own field name first (baseApi for OpenAI, baseUrl for Gemini), as creation reads it.
      String apiUrl = f.string(AccountJson.urlField(c.type()), 2000);
      if (apiUrl == null) apiUrl = f.string("apiUrl", 2000);
      if (apiUrl != null) {
        if (apiUrl.isBlank()) throw JsonFields.bad("apiUrl", "must not be empty");
        AccountJson.checkUrl(apiUrl);
      }
      baseUrl = apiUrl == null ? c.baseUrl() : apiUrl.trim();
      String apiKey = f.string("apiKey", 10_000);
      // An empty apiKey from a form means "unchanged": the console never shows the stored one.
      credential = apiKey == null || apiKey.isBlank() ? c.credential() : cipher.encrypt(apiKey.trim());
    }
    Integer priority = f.integer("priority", 1, 100);
    Integer maxConcurrent = f.integer("maxConcurrentTasks", 0, 100_000);
    Long quota = f.dollars("dailyQuota");
    String accountType = AccountJson.accountType(f);
    Boolean schedulable = f.bool("schedulable");
    Boolean active = f.bool("isActive");
    List<String> groups = f.strings("groupIds");
    String description = f.string("description", 500);
    ModelSupport models = f.has("supportedModels") ? AccountJson.models(f) : c.models();
    return new Account(c.id(), c.type(), name == null ? c.name() : name.trim(),
        description == null ? c.description() : description,
        baseUrl, credential, priority == null ? c.priority() : priority,
        active == null ? c.active() : active, schedulable == null ? c.schedulable() : schedulable, c.status(),
        c.errorMessage(),
        models, maxConcurrent == null ? c.maxConcurrency() : maxConcurrent,
        quota == null ? c.dailyQuotaMicros() : quota,
        accountType == null ? c.dedicated() : "dedicated".equals(accountType),
        groups == null ? c.groups() : Set.copyOf(groups),
        ProxyField.update(f, c.proxy(), cipher), c.createdAt(), now, options,
        AccountJson.protections(f, c.protections()));
  }

  static Account withActive(Account c, boolean active, Instant now) {
    return new Account(c.id(), c.type(), c.name(), c.description(), c.baseUrl(), c.credential(), c.priority(), active,
        c.schedulable(), c.status(), c.errorMessage(), c.models(), c.maxConcurrency(), c.dailyQuotaMicros(),
        c.dedicated(),
        c.groups(), c.proxy(), c.createdAt(), now, c.options(), c.protections());
  }

  static Account withGroups(Account c, Set<String> groups, Instant now) {
    return new Account(c.id(), c.type(), c.name(), c.description(), c.baseUrl(), c.credential(), c.priority(),
        c.active(),
        c.schedulable(), c.status(), c.errorMessage(), c.models(), c.maxConcurrency(), c.dailyQuotaMicros(),
        c.dedicated(),
        groups, c.proxy(), c.createdAt(), now, c.options(), c.protections());
  }
}
