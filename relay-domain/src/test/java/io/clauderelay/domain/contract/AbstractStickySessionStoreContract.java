package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.StickySessionStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StickySessionStore} must do, asserted through the port only.
 *
 * <p>The port has no {@code now}: a store measures TTLs on its own clock. So the expiry tests use
 * a short {@link #ttl()} and ask the subclass to {@link #elapse} time — the in-memory suite moves
 * a fake clock; a Redis suite, whose TTLs run on the server's real clock, waits out the duration
 * (and may lengthen {@code ttl()} if its round trips are slow). Session ids are random per test,
 * so suites may share a database.
 */
public abstract class AbstractStickySessionStoreContract {

  /** A store to test; called before each test. */
  protected abstract StickySessionStore newStore();

  /** Lets {@code d} pass on the store's clock. */
  protected abstract void elapse(Duration d);

  /** The TTL the expiry tests bind with; every elapse is a fraction or small multiple of it. */
  protected Duration ttl() {
    return Duration.ofSeconds(1);
  }

  protected StickySessionStore store;

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static String session() {
    return "s-" + UUID.randomUUID();
  }

  private Duration fraction(double f) {
    return Duration.ofMillis((long) (ttl().toMillis() * f));
  }

  @Test
  void aBoundSessionIsFound() {
    String s = session();
    join(store.bind(s, "acc-1", Duration.ofHours(1)));
    assertThat(join(store.find(s, Duration.ofHours(1)))).contains("acc-1");
  }

  @Test
  void anUnknownSessionIsEmpty() {
    assertThat(join(store.find(session(), Duration.ofHours(1)))).isEmpty();
  }

  @Test
  void bindingAgainMovesTheSessionToTheNewAccount() {
    String s = session();
    join(store.bind(s, "acc-1", Duration.ofHours(1)));
    join(store.bind(s, "acc-2", Duration.ofHours(1)));
    assertThat(join(store.find(s, Duration.ofHours(1)))).contains("acc-2");
  }

  @Test
  void forgetRemovesOnlyThatSession() {
    String s = session();
    String other = session();
    join(store.bind(s, "acc-1", Duration.ofHours(1)));
    join(store.bind(other, "acc-1", Duration.ofHours(1)));
    join(store.forget(s));
    join(store.forget(session()));
    assertThat(join(store.find(s, Duration.ofHours(1)))).isEmpty();
    assertThat(join(store.find(other, Duration.ofHours(1)))).contains("acc-1");
  }

  @Test
  void aBindingExpiresAfterItsTtl() {
    String s = session();
    join(store.bind(s, "acc-1", ttl()));
    elapse(fraction(1.5));
    assertThat(join(store.find(s, ttl()))).isEmpty();
  }

  @Test
  void findingASessionRenewsItsTtl() {
    String s = session();
    join(store.bind(s, "acc-1", ttl()));
    elapse(fraction(0.6));
    assertThat(join(store.find(s, ttl()))).contains("acc-1");
    elapse(fraction(0.6));
    // 1.2 TTL after the bind, 0.6 after the renewal.
    assertThat(join(store.find(s, ttl()))).contains("acc-1");
    elapse(fraction(1.5));
    assertThat(join(store.find(s, ttl()))).isEmpty();
  }
}
