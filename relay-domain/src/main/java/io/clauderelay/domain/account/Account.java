package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An upstream account as configured by an operator. {@code credential} is the encrypted secret
 * (API key, or OAuth token JSON) exactly as stored; it is decrypted only when a request is sent.
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
    AccountProtections protections) {

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
    protections = protections == null ? AccountProtections.NONE : protections;
  }

  public Account withStatus(AccountStatus newStatus, String message, Instant now) {
    return new Account(id, type, name, description, baseUrl, credential, priority, active, schedulable,
        newStatus, message, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, now,
        protections);
  }

  public Account withSchedulable(boolean value, Instant now) {
    return new Account(id, type, name, description, baseUrl, credential, priority, active, value,
        status, errorMessage, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, proxy, createdAt, now,
        protections);
  }
}
