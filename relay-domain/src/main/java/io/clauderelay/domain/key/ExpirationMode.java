package io.clauderelay.domain.key;

/** Fixed expiry date, or a clock that starts at the key's first use. */
public enum ExpirationMode {
  FIXED("fixed"), ACTIVATION("activation");

  private final String id;

  ExpirationMode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ExpirationMode parse(String v) {
    for (ExpirationMode m : values()) if (m.id.equalsIgnoreCase(v)) return m;
    throw new IllegalArgumentException("expirationMode must be fixed or activation");
  }
}
