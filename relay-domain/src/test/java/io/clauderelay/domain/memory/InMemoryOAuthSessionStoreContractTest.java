package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.contract.AbstractOAuthSessionStoreContract;
import io.clauderelay.domain.oauth.OAuthSession;
import io.clauderelay.domain.port.OAuthSessionStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryOAuthSessionStoreContractTest extends AbstractOAuthSessionStoreContract {
  @Override
  protected OAuthSessionStore newStore() {
    return new InMemoryOAuthSessionStore();
  }

  @Test
  void anExpiredSessionIsGone() {
    store.put("s", new OAuthSession("v", "s", t0), Duration.ofMinutes(10), t0);
    assertThat(store.take("s", t0.plus(Duration.ofMinutes(10))).toCompletableFuture().join()).isEmpty();
  }
}
