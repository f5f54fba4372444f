package io.clauderelay.domain.key;

import io.clauderelay.domain.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A relay key as stored: only the keyed hash of the secret, never the secret itself, plus its
 * whole policy (SPEC §5).
 */
public record ApiKey(
    String id,
    String name,
    String description,
    String hash,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    Expiry expiry,
    Set<Provider> permissions,
    KeyLimits limits,
    boolean modelRestrictionEnabled,
    List<String> restrictedModels,
    boolean clientRestrictionEnabled,
    Set<ClientKind> allowedClients,
    Map<Provider, String> bindings,
    List<String> tags,
    Map<Provider, BigDecimal> serviceRates,
    Instant deletedAt,
    KeyQueue queue) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
    name = name == null || name.isBlank() ? "Unnamed Key" : name;
    description = description == null ? "" : description;
    expiry = expiry == null ? Expiry.NEVER : expiry;
    permissions = permissions == null || permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    limits = limits == null ? KeyLimits.NONE : limits;
    restrictedModels = restrictedModels == null ? List.of() : List.copyOf(restrictedModels);
    allowedClients = allowedClients == null || allowedClients.isEmpty() ? Set.of() : Set.copyOf(allowedClients);
    bindings = bindings == null || bindings.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(bindings));
    tags = tags == null ? List.of() : List.copyOf(tags);
    serviceRates = serviceRates == null || serviceRates.isEmpty() ? Map.of() : Map.copyOf(serviceRates);
    queue = queue == null ? KeyQueue.DEFAULTS : queue;
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** Empty permissions mean every provider. */
  public boolean permits(Provider provider) {
    return permissions.isEmpty() || permissions.contains(provider);
  }

  /** The multiplier from real to rated cost for this provider (1 when unset). */
  public BigDecimal rate(Provider provider) {
    return serviceRates.getOrDefault(provider, BigDecimal.ONE);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder(String id, String hash) {
    return new Builder(id, hash);
  }

  /** Copy-and-change for the many-field record. */
  public static final class Builder {
    private String id, name, description, hash;
    private boolean active = true;
    private Instant createdAt, updatedAt, deletedAt;
    private Expiry expiry = Expiry.NEVER;
    private Set<Provider> permissions = Set.of();
    private KeyLimits limits = KeyLimits.NONE;
    private boolean modelRestrictionEnabled, clientRestrictionEnabled;
    private List<String> restrictedModels = List.of(), tags = List.of();
    private Set<ClientKind> allowedClients = Set.of();
    private Map<Provider, String> bindings = Map.of();
    private Map<Provider, BigDecimal> serviceRates = Map.of();
    private KeyQueue queue = KeyQueue.DEFAULTS;

    private Builder(String id, String hash) {
      this.id = id;
      this.hash = hash;
      this.createdAt = Instant.EPOCH;
      this.updatedAt = Instant.EPOCH;
    }

    private Builder(ApiKey k) {
      id = k.id;
      name = k.name;
      description = k.description;
      hash = k.hash;
      active = k.active;
      createdAt = k.createdAt;
      updatedAt = k.updatedAt;
      expiry = k.expiry;
      permissions = k.permissions;
      limits = k.limits;
      modelRestrictionEnabled = k.modelRestrictionEnabled;
      restrictedModels = k.restrictedModels;
      clientRestrictionEnabled = k.clientRestrictionEnabled;
      allowedClients = k.allowedClients;
      bindings = k.bindings;
      tags = k.tags;
      serviceRates = k.serviceRates;
      deletedAt = k.deletedAt;
      queue = k.queue;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }
    public Builder description(String v) {
      description = v;
      return this;
    }
    public Builder hash(String v) {
      hash = v;
      return this;
    }
    public Builder active(boolean v) {
      active = v;
      return this;
    }
    public Builder createdAt(Instant v) {
      createdAt = v;
      return this;
    }
    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }
    public Builder expiry(Expiry v) {
      expiry = v;
      return this;
    }
    public Builder permissions(Set<Provider> v) {
      permissions = v;
      return this;
    }
    public Builder limits(KeyLimits v) {
      limits = v;
      return this;
    }
    public Builder modelRestriction(boolean enabled, List<String> models) {
      modelRestrictionEnabled = enabled;
      restrictedModels = models;
      return this;
    }
    public Builder clientRestriction(boolean enabled, Set<ClientKind> clients) {
      clientRestrictionEnabled = enabled;
      allowedClients = clients;
      return this;
    }
    public Builder bindings(Map<Provider, String> v) {
      bindings = v;
      return this;
    }
    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }
    public Builder serviceRates(Map<Provider, BigDecimal> v) {
      serviceRates = v;
      return this;
    }
    public Builder deletedAt(Instant v) {
      deletedAt = v;
      return this;
    }

    public Builder queue(KeyQueue v) {
      queue = v;
      return this;
    }

    public ApiKey build() {
      return new ApiKey(id, name, description, hash, active, createdAt, updatedAt, expiry,
          permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions), limits, modelRestrictionEnabled,
          restrictedModels, clientRestrictionEnabled, allowedClients, bindings, tags, serviceRates, deletedAt, queue);
    }
  }
}
