package io.clauderelay.domain.account;

import java.time.Duration;
import java.util.Objects;

/**
 * A change to which account serves a conversation, written by the ledger together with the
 * request's settlement (or release): bind the session to {@code accountId} for {@code ttl}, or,
 * when {@code accountId} is null, forget the session (its account failed).
 */
public record StickyBinding(String sessionId, String accountId, Duration ttl) {
  public StickyBinding {
    Objects.requireNonNull(sessionId, "sessionId");
    if (accountId != null && (ttl == null || ttl.isNegative() || ttl.isZero())) {
      throw new IllegalArgumentException("a binding needs a positive ttl");
    }
  }

  public static StickyBinding bind(String sessionId, String accountId, Duration ttl) {
    return new StickyBinding(sessionId, Objects.requireNonNull(accountId, "accountId"), ttl);
  }

  public static StickyBinding forget(String sessionId) {
    return new StickyBinding(sessionId, null, null);
  }

  public boolean isForget() {
    return accountId == null;
  }
}
