package io.clauderelay.domain.account;

/** Lifecycle state of an account; only ACTIVE accounts are scheduled. */
public enum AccountStatus {
  ACTIVE("active"), CREATED("created"), ERROR("error"), UNAUTHORIZED("unauthorized"), BLOCKED(
      "blocked"), QUOTA_EXCEEDED("quota_exceeded");

  private final String id;

  AccountStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static AccountStatus parse(String v) {
    for (AccountStatus s : values()) if (s.id.equalsIgnoreCase(v)) return s;
    throw new IllegalArgumentException("unknown account status: " + v);
  }
}
