package io.clauderelay.domain.account;

import static io.clauderelay.domain.contract.AccountFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final String MODEL = "claude-sonnet-4";

  final Map<String, AccountRuntime> runtime = new HashMap<>();

  static ScheduleRequest pool() {
    return new ScheduleRequest(Provider.CLAUDE, MODEL, null, null, Set.of(), NOW);
  }

  static ScheduleRequest bound(String binding) {
    return new ScheduleRequest(Provider.CLAUDE, MODEL, binding, null, Set.of(), NOW);
  }

  static ScheduleRequest sticky(String accountId) {
    return new ScheduleRequest(Provider.CLAUDE, MODEL, null, accountId, Set.of(), NOW);
  }

  /** The next failover attempt: the same request with {@code ids} also excluded (as {@link Failover} passes them). */
  static ScheduleRequest excluding(ScheduleRequest r, String... ids) {
    Set<String> more = new java.util.HashSet<>(r.excluded());
    more.addAll(java.util.List.of(ids));
    return new ScheduleRequest(r.provider(), r.model(), r.binding(), r.stickyAccountId(), more, r.now());
  }

  ScheduleResult.Chosen chosen(ScheduleRequest req, Account... accounts) {
    ScheduleResult r = Scheduler.choose(req, List.of(accounts), runtime);
    assertThat(r).isInstanceOf(ScheduleResult.Chosen.class);
    return (ScheduleResult.Chosen) r;
  }

  String chosenId(ScheduleRequest req, Account... accounts) {
    return chosen(req, accounts).account().id();
  }

  Failure refused(ScheduleRequest req, Account... accounts) {
    ScheduleResult r = Scheduler.choose(req, List.of(accounts), runtime);
    assertThat(r).isInstanceOf(ScheduleResult.NoAccount.class);
    Failure f = ((ScheduleResult.NoAccount) r).failure();
    assertThat(f.kind()).isEqualTo(FailureKind.PROVIDER_NO_ACCOUNT);
    return f;
  }

  void cooling(String id, Instant until) {
    runtime.put(id, new AccountRuntime(null, until, "rate_limited", 0, 0));
  }

  void lastUsed(String id, Instant at) {
    runtime.put(id, new AccountRuntime(at, null, null, 0, 0));
  }

  @Test
  void lowerPriorityNumberWins() {
    assertThat(chosenId(pool(), account("b").priority(20).build(), account("a").priority(10).build(),
        account("c").priority(30).build())).isEqualTo("a");
  }

  @Test
  void equalPriorityRotatesToTheLeastRecentlyUsedAndNeverUsedComesFirst() {
    Account a = account("a").build();
    Account b = account("b").build();
    Account c = account("c").build();
    lastUsed("a", NOW.minusSeconds(10));
    lastUsed("b", NOW.minusSeconds(60));
    assertThat(chosenId(pool(), a, b, c)).isEqualTo("c");

    lastUsed("c", NOW.minusSeconds(1));
    assertThat(chosenId(pool(), a, b, c)).isEqualTo("b");

    lastUsed("b", NOW);
    assertThat(chosenId(pool(), a, b, c)).isEqualTo("a");
  }

  @Test
  void tiesOnPriorityAndUseGoToTheOlderAccountThenTheSmallerId() {
    Account young = account("a").createdAt(Instant.parse("2025-03-01T00:00:00Z")).build();
    Account old = account("z").createdAt(Instant.parse("2025-02-01T00:00:00Z")).build();
    assertThat(chosenId(pool(), young, old)).isEqualTo("z");
    assertThat(chosenId(pool(), account("y").build(), account("x").build())).isEqualTo("x");
  }

  @Test
  void priorityOutranksRecency() {
    lastUsed("a", NOW.minusSeconds(5));
    assertThat(chosenId(pool(), account("a").priority(1).build(), account("b").priority(2).build())).isEqualTo("a");
  }

  @Test
  void theAccountsModelMappingGivesTheUpstreamModel() {
    Account mapped = account("m").models(ModelSupport.map(Map.of(MODEL, "claude-sonnet-4-20250514"))).build();
    ScheduleResult.Chosen c = chosen(pool(), mapped);
    assertThat(c.upstreamModel()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(c.sticky()).isFalse();
    assertThat(chosen(pool(), account("all").build()).upstreamModel()).isEqualTo(MODEL);
  }

  @Test
  void accountsThatDoNotServeTheModelAreSkipped() {
    Account other = account("other").priority(1).models(ModelSupport.list(List.of("claude-opus-4"))).build();
    Account serving = account("serving").priority(90).models(ModelSupport.list(List.of(MODEL))).build();
    assertThat(chosenId(pool(), other, serving)).isEqualTo("serving");
  }

  @Test
  void unsupportedModelSaysNoAccountServesIt() {
    Failure f = refused(pool(), account("a").models(ModelSupport.list(List.of("claude-opus-4"))).build());
    assertThat(f.message()).isEqualTo("no claude account serves model " + MODEL);
    assertThat(f.details()).containsEntry("reason", "model_unsupported");
    assertThat(f.retryAfterSeconds()).isNull();
  }

  @Test
  void noSharedAccountOfTheProviderSaysSo() {
    Failure f = refused(pool(), account("g").type(AccountType.GEMINI).build(), account("d").dedicated(true).build());
    assertThat(f.message()).isEqualTo("no shared claude account is configured");
  }

  @Test
  void allCoolingDownNamesTheEarliestReturnAndSetsRetryAfter() {
    cooling("a", NOW.plusSeconds(600));
    cooling("b", NOW.plusSeconds(90));
    Failure f = refused(pool(), account("a").build(), account("b").build());
    assertThat(f.message())
        .isEqualTo("all 2 accounts serving " + MODEL + " are cooling down until 2025-06-01T12:01:30Z");
    assertThat(f.details()).containsEntry("reason", "all_cooling_down").containsEntry("availableAt",
        "2025-06-01T12:01:30Z");
    assertThat(f.retryAfterSeconds()).isEqualTo(90);
  }

  @Test
  void aCoolDownThatEndedNoLongerBlocks() {
    cooling("a", NOW);
    assertThat(chosenId(pool(), account("a").build())).isEqualTo("a");
  }

  @Test
  void accountsAtTheirConcurrencyLimitAreSkippedAndAllFullSaysAtCapacity() {
    runtime.put("a", new AccountRuntime(null, null, null, 2, 0));
    runtime.put("b", new AccountRuntime(null, null, null, 1, 0));
    Account a = account("a").priority(1).maxConcurrency(2).build();
    Account b = account("b").priority(2).maxConcurrency(2).build();
    assertThat(chosenId(pool(), a, b)).isEqualTo("b");

    runtime.put("b", new AccountRuntime(null, null, null, 2, 0));
    Failure f = refused(pool(), a, b);
    assertThat(f.message()).isEqualTo("all 2 accounts serving " + MODEL + " are at capacity");
    assertThat(f.details()).containsEntry("reason", "all_at_capacity");
  }

  @Test
  void zeroMaxConcurrencyMeansUnlimited() {
    runtime.put("a", new AccountRuntime(null, null, null, 1000, 0));
    assertThat(chosenId(pool(), account("a").maxConcurrency(0).build())).isEqualTo("a");
  }

  @Test
  void accountsOverTheirDailyQuotaAreSkipped() {
    runtime.put("a", new AccountRuntime(null, null, null, 0, 5_000_000));
    runtime.put("b", new AccountRuntime(null, null, null, 0, 4_999_999));
    Account a = account("a").priority(1).dailyQuotaMicros(5_000_000).build();
    Account b = account("b").priority(2).dailyQuotaMicros(5_000_000).build();
    assertThat(chosenId(pool(), a, b)).isEqualTo("b");

    Failure f = refused(pool(), a);
    assertThat(f.message()).isEqualTo("the only account serving " + MODEL + " has reached its daily quota");
    assertThat(f.details()).containsEntry("reason", "all_quota_reached");
  }

  @Test
  void anExpiredAccountIsSkippedAndAllExpiredSaysSo() {
    Account old = account("a").priority(1)
        .protections(new AccountProtections(false, null, false, null, null, NOW, null, false, null))
        .build();
    Account current = account("b").priority(2)
        .protections(new AccountProtections(false, null, false, null, null, NOW.plusSeconds(1), null, false, null))
        .build();
    assertThat(chosenId(pool(), old, current)).isEqualTo("b");

    Failure f = refused(pool(), old);
    assertThat(f.message()).isEqualTo("the only account serving " + MODEL + " has expired (subscriptionExpiresAt)");
    assertThat(f.details()).containsEntry("reason", "all_expired");
  }

  @Test
  void mixedReasonsAreCountedInTheMessage() {
    cooling("a", NOW.plusSeconds(30));
    runtime.put("b", new AccountRuntime(null, null, null, 1, 0));
    Failure f = refused(pool(), account("a").build(), account("b").maxConcurrency(1).build(),
        account("c").active(false).build());
    assertThat(f.message()).isEqualTo("no account serving " + MODEL + " is available (1 cooling down (the first until "
        + "2025-06-01T12:00:30Z), 1 at capacity, 1 disabled, unschedulable or in error)");
  }

  @Test
  void aBoundAccountIdIsTheOnlyCandidateEvenWhenDedicatedAndWorsePriority() {
    Account mine = account("mine").priority(100).dedicated(true).build();
    assertThat(chosenId(bound("mine"), account("better").priority(1).build(), mine)).isEqualTo("mine");
  }

  @Test
  void anUnavailableBoundAccountDoesNotFallBackToThePool() {
    cooling("mine", NOW.plusSeconds(120));
    Failure f = refused(bound("mine"), account("free").build(), account("mine").dedicated(true).build());
    assertThat(f.message()).isEqualTo(
        "the key's dedicated account mine is unavailable (it is cooling down until 2025-06-01T12:02:00Z after rate_limited)");
    assertThat(f.details()).containsEntry("reason", "dedicated_unavailable");
    assertThat(f.retryAfterSeconds()).isEqualTo(120);
  }

  @Test
  void aBoundAccountThatIsMissingOrBrokenIsExplained() {
    assertThat(refused(bound("ghost"), account("free").build()).message())
        .isEqualTo("the key's dedicated account ghost is unavailable (it does not exist)");
    assertThat(refused(bound("x"), account("x").status(AccountStatus.ERROR, "refresh failed").build()).message())
        .isEqualTo("the key's dedicated account x is unavailable (its status is error: refresh failed)");
    assertThat(refused(bound("x"), account("x").type(AccountType.OPENAI).build()).message())
        .isEqualTo(
            "the key's dedicated account x is unavailable (it is a openai account, which does not serve claude)");
    runtime.put("x", new AccountRuntime(null, null, null, 3, 0));
    assertThat(refused(bound("x"), account("x").maxConcurrency(3).build()).message())
        .isEqualTo("the key's dedicated account x is unavailable (it is at capacity, 3 of 3 requests in flight)");
  }

  @Test
  void aGroupBindingChoosesOnlyAmongMembersByPriority() {
    Account outsider = account("out").priority(1).build();
    Account m1 = account("m1").priority(20).groups("team").dedicated(true).build();
    Account m2 = account("m2").priority(10).groups("team", "other").build();
    assertThat(chosenId(bound("group:team"), outsider, m1, m2)).isEqualTo("m2");
  }

  @Test
  void aGroupWithoutAvailableMembersSaysSoWithoutFallingBack() {
    cooling("m1", NOW.plusSeconds(60));
    Failure f = refused(bound("group:team"), account("free").build(), account("m1").groups("team").build());
    assertThat(f.message()).isEqualTo(
        "group team has no available account: the only account serving " + MODEL
            + " is cooling down until 2025-06-01T12:01:00Z");
    assertThat(refused(bound("group:empty"), account("free").build()).message())
        .isEqualTo("group empty has no available account: it has no claude member");
  }

  @Test
  void anEligibleStickyAccountIsKeptOverABetterOne() {
    ScheduleResult.Chosen c = chosen(sticky("b"), account("a").priority(1).build(), account("b").priority(50).build());
    assertThat(c.account().id()).isEqualTo("b");
    assertThat(c.sticky()).isTrue();
  }

  @Test
  void aStickyAccountThatCoolsDownIsLeftForThePool() {
    cooling("b", NOW.plusSeconds(60));
    ScheduleResult.Chosen c = chosen(sticky("b"), account("a").priority(90).build(), account("b").priority(1).build());
    assertThat(c.account().id()).isEqualTo("a");
    assertThat(c.sticky()).isFalse();
  }

  @Test
  void anExcludedStickyAccountIsLeftForThePool() {
    ScheduleRequest req = excluding(sticky("b"), "b");
    assertThat(chosenId(req, account("a").priority(90).build(), account("b").priority(1).build())).isEqualTo("a");
  }

  @Test
  void aStickyDedicatedAccountIsNotUsedFromThePool() {
    ScheduleResult.Chosen c = chosen(sticky("d"), account("a").build(), account("d").dedicated(true).build());
    assertThat(c.account().id()).isEqualTo("a");
    assertThat(c.sticky()).isFalse();
  }

  @Test
  void aStickyAccountOutsideTheBoundGroupIsIgnored() {
    ScheduleRequest req = new ScheduleRequest(Provider.CLAUDE, MODEL, "group:team", "out", Set.of(), NOW);
    ScheduleResult.Chosen c = chosen(req, account("out").build(), account("m").groups("team").build());
    assertThat(c.account().id()).isEqualTo("m");
  }

  @Test
  void failoverSkipsExcludedAccountsAndSaysWhenAllFailed() {
    Account a = account("a").priority(1).build();
    Account b = account("b").priority(2).build();
    Account c = account("c").priority(3).build();
    ScheduleRequest first = pool();
    assertThat(chosenId(first, a, b, c)).isEqualTo("a");
    ScheduleRequest second = excluding(first, "a");
    assertThat(chosenId(second, a, b, c)).isEqualTo("b");
    assertThat(chosenId(excluding(second, "b"), a, b, c)).isEqualTo("c");

    Failure f = refused(excluding(second, "b", "c"), a, b, c);
    assertThat(f.message()).isEqualTo("all 3 accounts serving " + MODEL + " already failed on this request");
  }

  @Test
  void accountsOfAnotherProviderAreSkipped() {
    Account openai = account("o").type(AccountType.OPENAI).priority(1).build();
    Account oauth = account("c").type(AccountType.CLAUDE_OAUTH).priority(2).build();
    assertThat(chosenId(pool(), openai, oauth)).isEqualTo("c");
    ScheduleRequest gpt = new ScheduleRequest(Provider.OPENAI, "gpt-4o", null, null, Set.of(), NOW);
    assertThat(chosenId(gpt, openai, oauth)).isEqualTo("o");
  }

  @Test
  void unschedulableInactiveAndErroredAccountsAreSkipped() {
    Account unschedulable = account("u").priority(1).schedulable(false).build();
    Account inactive = account("i").priority(2).active(false).build();
    Account errored = account("e").priority(3).status(AccountStatus.ERROR, "boom").build();
    Account fine = account("f").priority(99).build();
    assertThat(chosenId(pool(), unschedulable, inactive, errored, fine)).isEqualTo("f");

    Failure f = refused(pool(), unschedulable, inactive, errored);
    assertThat(f.message()).isEqualTo("all 3 accounts serving " + MODEL + " are disabled, unschedulable or in error");
  }

  @Test
  void missingRuntimeMeansIdle() {
    assertThat(Scheduler.choose(pool(), List.of(account("a").maxConcurrency(1).build()), null))
        .isInstanceOf(ScheduleResult.Chosen.class);
  }
}
