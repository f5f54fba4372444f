package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An upstream account as configured by an operator. {@code credential} is the encrypted secret
 * (API key, OAuth token JSON, or a service account's key JSON) exactly as stored; it is decrypted
 * only when a request is sent. {@code options} holds a type's own non-secret settings (Azure's
 * deployment and API version, Vertex's project and region), empty for the other types.
 */
public record Account(
    String id,
    AccountType type,
    String name,
    String description,
    String baseUrl,
    String credential,
    int priority,
    boolean active,
    boolean schedulable,
    AccountStatus status,
    String errorMessage,
    ModelSupport models,
    int maxConcurrency,
    long dailyQuotaMicros,
    boolean dedicated,
    Set<String> groups,
    String proxy,
    Instant createdAt,
    Instant updatedAt,
    Map<String, String> options,
    AccountProtections protections) {

  /** An account of a type without options of its own, with the relay's default protections. */
  public Account(String id, AccountType type, String name, String description, String baseUrl, String credential,
      int priority, boolean active, boolean schedulable, AccountStatus status, String errorMessage,
      ModelSupport models, int maxConcurrency, long dailyQuotaMicros, boolean dedicated, Set<String> groups,
      String proxy, Instant createdAt, Instant updatedAt) {
    this(id, type, name, description, baseUrl, credential, priority, active, schedulable, status, errorMessage,
        models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, updatedAt, Map.of(),
        AccountProtections.NONE);
  }

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (priority < 1 || priority > 100) throw new IllegalArgumentException("priority must be 1..100");
    if (maxConcurrency < 0) throw new IllegalArgumentException("maxConcurrency must not be negative");
    if (dailyQuotaMicros < 0) throw new IllegalArgumentException("dailyQuota must not be negative");
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    status = status == null ? AccountStatus.ACTIVE : status;
    errorMessage = errorMessage == null ? "" : errorMessage;
    models = models == null ? ModelSupport.ALL : models;
    groups = groups == null ? Set.of() : Set.copyOf(groups);
    proxy = proxy == null ? "" : proxy;
    // Sorted: the same account always serialises to the same bytes.
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    protections = protections == null ? AccountProtections.NONE : protections;
  }

  /** One of the type's own settings, or {@code fallback} when unset or blank. */
  public String option(String name, String fallback) {
    String v = options.get(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** The same account with {@code changed} options (for the types that have them). */
  public Account withOptions(Map<String, String> changed, Instant now) {
    return new Account(id, type, name, description, baseUrl, credential, priority, active, schedulable, status,
        errorMessage, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, now, changed,
        protections);
  }

  public Account withStatus(AccountStatus newStatus, String message, Instant now) {
    return new Account(id, type, name, description, baseUrl, credential, priority, active, schedulable,
        newStatus, message, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, now,
        options, protections);
  }

  public Account withSchedulable(boolean value, Instant now) {
    return new Account(id, type, name, description, baseUrl, credential, priority, active, value,
        status, errorMessage, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, now,
        options, protections);
  }
}
