package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.SubscriptionWindow;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionWindowStore} must do; a store's test extends this and supplies an empty one. */
public abstract class AbstractSubscriptionWindowStoreContract {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private SubscriptionWindowStore store;

  /** A store that knows no windows. */
  protected abstract SubscriptionWindowStore newStore();

  @BeforeEach
  void fresh() {
    store = newStore();
  }

  private static SubscriptionWindow window(String name, String status, String utilization, Instant reset,
      Duration length) {
    return new SubscriptionWindow(name, status, utilization == null ? null : new BigDecimal(utilization),
        reset.minus(length), reset);
  }

  private Map<String, List<SubscriptionWindow>> read(Instant now, String... ids) {
    return store.windows(List.of(ids), now).toCompletableFuture().join();
  }

  @Test
  void recordedWindowsAreAnsweredWithEveryFieldByName() {
    SubscriptionWindow fiveHours = window("5h", "allowed_warning", "0.82", NOW.plusSeconds(3600), Duration.ofHours(5));
    SubscriptionWindow week = window("7d", "allowed", "0.3", NOW.plus(Duration.ofDays(3)), Duration.ofDays(7));
    store.record("a", List.of(week, fiveHours)).toCompletableFuture().join();

    assertThat(read(NOW, "a", "b")).containsOnlyKeys("a");
    assertThat(read(NOW, "a").get("a")).containsExactly(fiveHours, week);
  }

  @Test
  void aLaterReportReplacesTheWindowOfTheSameNameOnly() {
    store.record("a", List.of(window("5h", "allowed", "0.1", NOW.plusSeconds(60), Duration.ofHours(5)),
        window("7d", "allowed", "0.2", NOW.plus(Duration.ofDays(1)), Duration.ofDays(7)))).toCompletableFuture().join();
    SubscriptionWindow newer = window("5h", "rejected", null, NOW.plusSeconds(7200), Duration.ofHours(5));
    store.record("a", List.of(newer)).toCompletableFuture().join();

    List<SubscriptionWindow> kept = read(NOW, "a").get("a");
    assertThat(kept).hasSize(2).contains(newer);
    assertThat(kept.get(1).utilization()).isEqualByComparingTo("0.2");
  }

  @Test
  void aWindowPastItsResetIsOver() {
    store.record("a", List.of(window("5h", "rejected", "1.0", NOW.plusSeconds(60), Duration.ofHours(5))))
        .toCompletableFuture().join();

    assertThat(read(NOW.plusSeconds(61), "a")).isEmpty();
  }
}
