package io.clauderelay.server.metrics;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each account's state as gauges, read from the store when a scrape comes (so they are current, and
 * a node nobody scrapes reads nothing): {@code relay_account_state{state=…}} is 1 for the account's current state, and
 * {@code relay_account_cooldown_remaining_seconds} how long its cool-down still runs.
 */
public final class AccountStateGauges {
  private static final Logger LOG = LoggerFactory.getLogger(AccountStateGauges.class);

  private final AccountStore accounts;
  private final AccountStateStore state;
  private final Clock clock;
  private final MultiGauge stateGauge;
  private final MultiGauge cooldownGauge;
  private final MultiGauge inFlightGauge;

  public AccountStateGauges(MeterRegistry registry, AccountStore accounts, AccountStateStore state, Clock clock) {
    this.accounts = accounts;
    this.state = state;
    this.clock = clock;
    this.stateGauge = MultiGauge.builder("relay.account.state")
        .description("1 for each account's current state (active, cooling, error, unauthorized, blocked, disabled …)")
        .register(registry);
    this.cooldownGauge = MultiGauge.builder("relay.account.cooldown.remaining").baseUnit("seconds")
        .description("Seconds until the account's cool-down ends (0 when it is not cooling down)").register(registry);
    this.inFlightGauge = MultiGauge.builder("relay.account.requests.in.flight")
        .description("Requests the account is serving now, across the cluster").register(registry);
  }

  /** Reads the accounts and their runtime once and replaces the gauges' rows. */
  public CompletionStage<Void> refresh() {
    Instant now = clock.instant();
    return accounts.list().thenCompose(list -> state.runtime(list.stream().map(Account::id).toList(), now)
        .thenAccept(runtime -> publish(list, runtime, now)))
        .exceptionally(err -> {
          LOG.debug("account gauges not refreshed: {}", err.toString());
          return null;
        });
  }

  private void publish(List<Account> list, Map<String, AccountRuntime> runtime, Instant now) {
    List<MultiGauge.Row<?>> states = new ArrayList<>();
    List<MultiGauge.Row<?>> cooldowns = new ArrayList<>();
    List<MultiGauge.Row<?>> inFlight = new ArrayList<>();
    for (Account a : list) {
      AccountRuntime r = runtime.getOrDefault(a.id(), AccountRuntime.IDLE);
      Tags tags = Tags.of("account_id", a.id(), "account_name", a.name() == null ? "" : a.name(), "type",
          a.type().id());
      states.add(MultiGauge.Row.of(tags.and("state", stateOf(a, r, now)), 1));
      long remaining = r.coolingDown(now) ? Duration.between(now, r.coolingUntil()).toSeconds() : 0;
      cooldowns.add(MultiGauge.Row.of(tags, remaining));
      inFlight.add(MultiGauge.Row.of(tags, r.inFlight()));
    }
    stateGauge.register(states, true);
    cooldownGauge.register(cooldowns, true);
    inFlightGauge.register(inFlight, true);
  }

  static String stateOf(Account a, AccountRuntime r, Instant now) {
    if (!a.active()) return "disabled";
    if (!a.status().id().equals("active")) return a.status().id();
    if (!a.schedulable()) return "unschedulable";
    return r.coolingDown(now) ? "cooling" : "active";
  }
}
