package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ClientKind;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.key.Expiry;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.port.ApiKeyStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} must do; a store's test extends this and supplies a fresh, empty store. */
public abstract class AbstractApiKeyStoreContract {

  private ApiKeyStore store;

  /** A new store with no keys in it. */
  protected abstract ApiKeyStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  /** A key with every field set to something other than its default, so a lossy codec shows. */
  protected static ApiKey fullKey(String id, String hash) {
    return ApiKey.builder(id, hash)
        .name("Team " + id)
        .description("used by the build farm")
        .active(true)
        .createdAt(Instant.parse("2026-01-02T03:04:05.123456789Z"))
        .updatedAt(Instant.parse("2026-01-03T00:00:00Z"))
        .expiry(new Expiry(ExpirationMode.ACTIVATION, Instant.parse("2026-02-01T00:00:00Z"), 30, true,
            Instant.parse("2026-01-02T00:00:00Z")))
        .permissions(Set.of(Provider.CLAUDE, Provider.GEMINI))
        .limits(new KeyLimits(5, 60, 100, 50_000, 2_500_000, 10_000_000, 100_000_000, 30_000_000, 3, 7))
        .modelRestriction(true, List.of("claude-opus-4", "gpt-4o"))
        .clientRestriction(true, Set.of(ClientKind.CLAUDE_CODE, ClientKind.CODEX_CLI))
        .bindings(Map.of(Provider.CLAUDE, "group:g1", Provider.OPENAI, "acc-7"))
        .tags(List.of("prod", "team-a"))
        .serviceRates(Map.of(Provider.CLAUDE, new BigDecimal("1.50"), Provider.GEMINI, new BigDecimal("0.8")))
        .build();
  }

  protected static ApiKey plainKey(String id, String hash) {
    return ApiKey.builder(id, hash).build();
  }

  @Test
  void savedKeyIsFoundByIdAndByHashWithEveryFieldIntact() {
    ApiKey key = fullKey("k1", "h1");
    store.save(key).toCompletableFuture().join();

    assertThat(store.findById("k1").toCompletableFuture().join()).contains(key);
    assertThat(store.findByHash("h1").toCompletableFuture().join()).contains(key);
  }

  @Test
  void keyWithDefaultsRoundTrips() {
    ApiKey key = plainKey("k1", "h1");
    store.save(key).toCompletableFuture().join();

    assertThat(store.findById("k1").toCompletableFuture().join()).contains(key);
  }

  @Test
  void unknownIdAndHashAreEmpty() {
    assertThat(store.findById("nope").toCompletableFuture().join()).isEmpty();
    assertThat(store.findByHash("nope").toCompletableFuture().join()).isEmpty();
    assertThat(store.list().toCompletableFuture().join()).isEmpty();
  }

  @Test
  void savingAgainReplacesTheKey() {
    store.save(fullKey("k1", "h1")).toCompletableFuture().join();
    ApiKey changed = fullKey("k1", "h1").toBuilder().name("renamed").active(false).build();
    store.save(changed).toCompletableFuture().join();

    assertThat(store.findById("k1").toCompletableFuture().join()).contains(changed);
    assertThat(store.list().toCompletableFuture().join()).containsExactly(changed);
  }

  @Test
  void listKeepsCreationOrderEvenWhenAKeyIsSavedAgain() {
    store.save(plainKey("a", "ha")).toCompletableFuture().join();
    store.save(plainKey("b", "hb")).toCompletableFuture().join();
    store.save(plainKey("c", "hc")).toCompletableFuture().join();
    store.save(plainKey("a", "ha").toBuilder().name("again").build()).toCompletableFuture().join();

    assertThat(store.list().toCompletableFuture().join()).extracting(ApiKey::id).containsExactly("a", "b", "c");
  }

  @Test
  void changedHashDropsTheOldIndexEntry() {
    store.save(plainKey("k1", "old")).toCompletableFuture().join();
    store.save(plainKey("k1", "new")).toCompletableFuture().join();

    assertThat(store.findByHash("old").toCompletableFuture().join()).isEmpty();
    assertThat(store.findByHash("new").toCompletableFuture().join()).map(ApiKey::id).contains("k1");
  }

  @Test
  void softDeletedKeyIsStillListedAndFoundByHash() {
    ApiKey deleted = plainKey("k1", "h1").toBuilder().deletedAt(Instant.parse("2026-01-05T00:00:00Z")).build();
    store.save(deleted).toCompletableFuture().join();

    assertThat(store.findByHash("h1").toCompletableFuture().join()).contains(deleted);
    assertThat(store.list().toCompletableFuture().join()).containsExactly(deleted);
  }

  @Test
  void deleteRemovesTheKeyAndItsHashForGood() {
    store.save(plainKey("a", "ha")).toCompletableFuture().join();
    store.save(plainKey("b", "hb")).toCompletableFuture().join();

    assertThat(store.delete("a").toCompletableFuture().join()).isTrue();

    assertThat(store.findById("a").toCompletableFuture().join()).isEmpty();
    assertThat(store.findByHash("ha").toCompletableFuture().join()).isEmpty();
    assertThat(store.list().toCompletableFuture().join()).extracting(ApiKey::id).containsExactly("b");
  }

  @Test
  void deletingAnUnknownKeyAnswersFalse() {
    assertThat(store.delete("nope").toCompletableFuture().join()).isFalse();
  }

  @Test
  void aDeletedThenRecreatedKeyMovesToTheEndOfTheList() {
    store.save(plainKey("a", "ha")).toCompletableFuture().join();
    store.save(plainKey("b", "hb")).toCompletableFuture().join();
    store.delete("a").toCompletableFuture().join();
    store.save(plainKey("a", "ha")).toCompletableFuture().join();

    assertThat(store.list().toCompletableFuture().join()).extracting(ApiKey::id).containsExactly("b", "a");
    Optional<ApiKey> found = store.findByHash("ha").toCompletableFuture().join();
    assertThat(found).map(ApiKey::id).contains("a");
  }
}
