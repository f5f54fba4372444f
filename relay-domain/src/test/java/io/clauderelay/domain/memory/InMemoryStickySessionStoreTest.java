package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryStickySessionStoreTest {

  @Test
  void abandonedSessionsAreSweptInsteadOfPilingUp() {
    MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    InMemoryStickySessionStore store = new InMemoryStickySessionStore(clock);
    for (int i = 0; i < 1000; i++) store.bind("old-" + i, "a", Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 100; i++) store.bind("new-" + i, "a", Duration.ofMinutes(1));
    assertThat(store.size()).isLessThanOrEqualTo(100);
  }
}
