package io.clauderelay.domain.account;

import static io.clauderelay.domain.contract.AccountFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler with subscription facts: a family cool-down and a plan restrict models, not the account. */
class SchedulerFamilyAndPlanTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static ScheduleRequest req(String model) {
    return new ScheduleRequest(Provider.CLAUDE, model, null, null, Set.of(), NOW);
  }

  static AccountRuntime facts(Map<String, Instant> families, ClaudePlan plan) {
    return AccountRuntime.IDLE.withUpstreamFacts(families, null, plan);
  }

  @Test
  void anAccountWhoseOpusFamilyIsLimitedIsSkippedForOpusButKeptForSonnet() {
    Account a = account("a").type(AccountType.CLAUDE_OAUTH).priority(1).build();
    Account b = account("b").type(AccountType.CLAUDE_OAUTH).priority(2).build();
    Map<String, AccountRuntime> rt = Map.of("a", facts(Map.of("opus", NOW.plusSeconds(600)), ClaudePlan.MAX));
    assertThat(((ScheduleResult.Chosen) Scheduler.choose(req("claude-opus-4-1"), List.of(a, b), rt)).account().id())
        .isEqualTo("b");
    assertThat(((ScheduleResult.Chosen) Scheduler.choose(req("claude-sonnet-4-5"), List.of(a, b), rt)).account().id())
        .isEqualTo("a");
  }

  @Test
  void whenTheOnlyAccountsFamilyIsLimitedTheRefusalSaysUntilWhen() {
    Account a = account("a").type(AccountType.CLAUDE_OAUTH).build();
    Map<String, AccountRuntime> rt = Map.of("a", facts(Map.of("opus", NOW.plusSeconds(600)), ClaudePlan.MAX));
    Failure f = ((ScheduleResult.NoAccount) Scheduler.choose(req("claude-opus-4-1"), List.of(a), rt)).failure();
    assertThat(f.details()).containsEntry("reason", "all_cooling_down").containsEntry("availableAt",
        NOW.plusSeconds(600).toString());
    assertThat(f.retryAfterSeconds()).isEqualTo(600L);
  }

  @Test
  void aFreePlanAccountDoesNotServeOpusAndAConsoleAccountIsNeverPlanGated() {
    Account free = account("free").type(AccountType.CLAUDE_OAUTH).priority(1).build();
    Account console = account("console").priority(2).build();
    Map<String, AccountRuntime> rt = Map.of("free", facts(Map.of(), ClaudePlan.FREE), "console",
        facts(Map.of(), ClaudePlan.FREE));
    assertThat(
        ((ScheduleResult.Chosen) Scheduler.choose(req("claude-opus-4-5"), List.of(free, console), rt)).account().id())
        .isEqualTo("console");
    ScheduleResult alone = Scheduler.choose(req("claude-opus-4-5"), List.of(free), rt);
    assertThat(((ScheduleResult.NoAccount) alone).failure().details()).containsEntry("reason", "model_unsupported");
  }
}
