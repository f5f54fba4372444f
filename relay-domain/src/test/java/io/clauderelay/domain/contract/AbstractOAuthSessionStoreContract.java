package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.oauth.OAuthSession;
import io.clauderelay.domain.port.OAuthSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OAuthSessionStore} must do: keep a session for its TTL and hand it out once. */
public abstract class AbstractOAuthSessionStoreContract {
  protected abstract OAuthSessionStore newStore();

  protected OAuthSessionStore store;
  protected Instant t0;

  @BeforeEach
  void createStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aSessionIsTakenExactlyOnce() {
    OAuthSession s = new OAuthSession("verifier_-1", "state_-2", t0);
    join(store.put("s1", s, Duration.ofMinutes(10), t0));
    assertThat(join(store.take("s1", t0.plusSeconds(1)))).contains(s);
    assertThat(join(store.take("s1", t0.plusSeconds(2)))).isEmpty();
  }

  @Test
  void anUnknownSessionIsEmpty() {
    assertThat(join(store.take("nope", t0))).isEmpty();
  }
}
