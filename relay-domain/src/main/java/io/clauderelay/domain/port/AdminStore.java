package io.clauderelay.domain.port;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The admin's credentials (user name and password hash) and the ids of revoked admin tokens,
 * shared by every node so that a password change or logout holds cluster-wide.
 */
public interface AdminStore {

  /** Credentials, if the store has been seeded. */
  CompletionStage<Optional<AdminCredentials>> credentials();

  CompletionStage<Void> saveCredentials(AdminCredentials credentials);

  /** Seeds the credentials only if none exist yet; true if these were written. */
  CompletionStage<Boolean> seedCredentials(AdminCredentials credentials);

  /** Revokes a token id until its own expiry (after which it is invalid anyway). */
  CompletionStage<Void> revoke(String tokenId, Instant until);

  CompletionStage<Boolean> isRevoked(String tokenId);

  /** The admin's user name and password hash, and when the password last changed. */
  record AdminCredentials(String username, String passwordHash, Instant updatedAt) {}
}
