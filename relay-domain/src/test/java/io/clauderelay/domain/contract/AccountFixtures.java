package io.clauderelay.domain.contract;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountProtections;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ModelSupport;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Builds test accounts with schedulable defaults, so a test states only what it is about. */
public final class AccountFixtures {
  public static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

  private AccountFixtures() {}

  public static Builder account(String id) {
    return new Builder(id);
  }

  /** Mutable builder; defaults: Claude console, priority 50, active, schedulable, all models, shared. */
  public static final class Builder {
    private final String id;
    private AccountType type = AccountType.CLAUDE_CONSOLE;
    private int priority = 50;
    private boolean active = true;
    private boolean schedulable = true;
    private AccountStatus status = AccountStatus.ACTIVE;
    private String errorMessage = "";
    private ModelSupport models = ModelSupport.ALL;
    private int maxConcurrency;
    private long dailyQuotaMicros;
    private boolean dedicated;
    private Set<String> groups = Set.of();
    private Instant createdAt = CREATED;
    private AccountProtections protections = AccountProtections.NONE;

    private Builder(String id) {
      this.id = id;
    }

    public Builder type(AccountType v) {
      type = v;
      return this;
    }
    public Builder priority(int v) {
      priority = v;
      return this;
    }
    public Builder active(boolean v) {
      active = v;
      return this;
    }
    public Builder schedulable(boolean v) {
      schedulable = v;
      return this;
    }
    public Builder status(AccountStatus v, String message) {
      status = v;
      errorMessage = message;
      return this;
    }
    public Builder models(ModelSupport v) {
      models = v;
      return this;
    }
    public Builder maxConcurrency(int v) {
      maxConcurrency = v;
      return this;
    }
    public Builder dailyQuotaMicros(long v) {
      dailyQuotaMicros = v;
      return this;
    }
    public Builder dedicated(boolean v) {
      dedicated = v;
      return this;
    }
    public Builder groups(String... v) {
      groups = Set.of(v);
      return this;
    }
    public Builder protections(AccountProtections v) {
      protections = v;
      return this;
    }

    public Builder createdAt(Instant v) {
      createdAt = v;
      return this;
    }

    public Account build() {
      return new Account(id, type, "name " + id, "", "https://api.example.test", "enc:" + id, priority, active,
          schedulable, status, errorMessage, models, maxConcurrency, dailyQuotaMicros, dedicated, groups, "",
          createdAt, createdAt, Map.of(), protections);
    }
  }
}
