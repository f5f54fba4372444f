package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdminStore} must do; a store's test extends this and supplies a fresh, empty store. */
public abstract class AbstractAdminStoreContract {

  private AdminStore store;

  /** A new store with no credentials and no revoked tokens. */
  protected abstract AdminStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static final AdminCredentials FIRST = new AdminCredentials("admin", "$argon2id$first",
      Instant.parse("2026-01-01T00:00:00.123456Z"));
  private static final AdminCredentials SECOND = new AdminCredentials("root", "$argon2id$second",
      Instant.parse("2026-01-02T00:00:00Z"));

  @Test
  void anUnseededStoreHasNoCredentials() {
    assertThat(store.credentials().toCompletableFuture().join()).isEmpty();
  }

  @Test
  void seedingWritesOnlyTheFirstTime() {
    assertThat(store.seedCredentials(FIRST).toCompletableFuture().join()).isTrue();
    assertThat(store.seedCredentials(SECOND).toCompletableFuture().join()).isFalse();

    assertThat(store.credentials().toCompletableFuture().join()).contains(FIRST);
  }

  @Test
  void savingReplacesSeededCredentials() {
    store.seedCredentials(FIRST).toCompletableFuture().join();
    store.saveCredentials(SECOND).toCompletableFuture().join();

    assertThat(store.credentials().toCompletableFuture().join()).contains(SECOND);
  }

  @Test
  void savedCredentialsAreNotOverwrittenByALaterSeed() {
    store.saveCredentials(SECOND).toCompletableFuture().join();

    assertThat(store.seedCredentials(FIRST).toCompletableFuture().join()).isFalse();
    assertThat(store.credentials().toCompletableFuture().join()).contains(SECOND);
  }

  @Test
  void aRevokedTokenStaysRevokedUntilItsExpiry() {
    // The store compares against the real clock, so the expiry is an hour away from it.
    store.revoke("jti-1", Instant.now().plus(Duration.ofHours(1))).toCompletableFuture().join();

    assertThat(store.isRevoked("jti-1").toCompletableFuture().join()).isTrue();
    assertThat(store.isRevoked("jti-2").toCompletableFuture().join()).isFalse();
  }

  @Test
  void revokingAnAlreadyExpiredTokenKeepsNothing() {
    store.revoke("jti-old", Instant.now().minus(Duration.ofHours(1))).toCompletableFuture().join();

    assertThat(store.isRevoked("jti-old").toCompletableFuture().join()).isFalse();
  }
}
