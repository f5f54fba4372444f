package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.contract.AccountFixtures;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot path's whole Redis cost, counted on the client: one request through the stores the way
 * the relay drives them (admit with a session → list accounts → runtime → take a slot → release →
 * settle with the sticky binding and the account's cost) is one round trip to admit and one to settle, and nothing else
 * once the node's caches are warm, unless the account has a concurrency cap.
 */
class RequestRoundTripsTest {
  private static final TimeBuckets BUCKETS = new TimeBuckets(ZoneOffset.UTC);
  private static final KeyLimits LIMITS = new KeyLimits(10, 10, 100, 0, 0, 0, 0, 0, 1, 0);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration STICKY = Duration.ofMinutes(60);

  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private CountingRedis counting;
  private RedisLedger ledger;
  private CachedAccountStore accounts;
  private CachedAccountStateStore state;

  @BeforeEach
  void freshNode() {
    redis.flush();
    counting = new CountingRedis(RedisConnector.client(redis.vertx(), redis.settings()));
    RedisCommands commands = new RedisCommands(redis.vertx(), counting, Duration.ofSeconds(5), 0);
    ledger = new RedisLedger(commands);
    accounts = new CachedAccountStore(new RedisAccountStore(commands), Duration.ofHours(1), System::nanoTime, id -> {});
    state = new CachedAccountStateStore(new RedisAccountStateStore(commands, BUCKETS), BUCKETS, System::nanoTime);
    join(accounts.save(AccountFixtures.account("unlimited").maxConcurrency(0).build()));
    join(accounts.save(AccountFixtures.account("capped").maxConcurrency(2).build()));
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** Round trips of each phase of one request on {@code accountId}: {admission, scheduling + slot, settlement}. */
  private int[] request(String accountId, String session, Instant now) {
    String requestId = UUID.randomUUID().toString();
    counting.roundTrips.set(0);
    AdmissionResult admitted = join(ledger.admit(new AdmissionRequest("k", requestId, LIMITS, now, LEASE,
        BUCKETS.day(now), BUCKETS.week(now, 1, 0), true, 100, now, now).withSession(session, STICKY)));
    assertThat(admitted).isInstanceOf(AdmissionResult.Admitted.class);
    int admission = counting.roundTrips.getAndSet(0);

    List<Account> all = join(accounts.list());
    Map<String, AccountRuntime> runtime = join(state.runtime(all.stream().map(Account::id).toList(), now));
    assertThat(runtime).containsKey(accountId);
    Account account = all.stream().filter(a -> a.id().equals(accountId)).findFirst().orElseThrow();
    assertThat(join(state.acquire(accountId, requestId, account.maxConcurrency(), LEASE, now))).isTrue();
    join(state.release(accountId, requestId, now.plusMillis(200)));
    int scheduling = counting.roundTrips.getAndSet(0);

    Instant at = now.plusMillis(200);
    UsageRecord r = new UsageRecord(requestId, "k", accountId, Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(10, 5, 0, 0, 0), new Cost(0, 0, 0, 0, 0, 100, false, false), 100, 200, true, 200, 50, at);
    UsageBuckets b = new UsageBuckets(BUCKETS.day(at), BUCKETS.hour(at), BUCKETS.month(at), BUCKETS.week(at, 1, 0));
    StickyBinding bind = ((AdmissionResult.Admitted) admitted).stickyAccountId() == null
        ? StickyBinding.bind(session, accountId, STICKY)
        : null;
    assertThat(join(ledger.settle(new UsageSettlement(r, b, requestId, true, bind)))).isTrue();
    int settlement = counting.roundTrips.getAndSet(0);
    return new int[]{admission, scheduling, settlement};
  }

  @Test
  void aWarmRequestOnAnUnlimitedAccountIsOneRoundTripToAdmitAndOneToSettle() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    request("unlimited", "s1", now); // cold: the catalogue and the runtime snapshot are read once

    assertThat(request("unlimited", "s1", now.plusSeconds(1))).containsExactly(1, 0, 1);
    assertThat(request("unlimited", "s2", now.plusSeconds(2))).containsExactly(1, 0, 1);
    // The settlement added the account's list-price cost (its dailyQuota) to the node's pending
    // totals; the node's next flush (every 500 ms, in the background) puts it on Redis.
    join(ledger.pending().flush());
    long today = join(new RedisAccountStateStore(redis.commands(), BUCKETS).runtime(List.of("unlimited"),
        now.plusSeconds(3))).get("unlimited").todayCostMicros();
    assertThat(today).isEqualTo(300);
  }

  @Test
  void theStickyAccountComesBackWithTheAdmission() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    request("unlimited", "s1", now);
    AdmissionResult again = join(ledger.admit(new AdmissionRequest("k", "next", LIMITS, now.plusSeconds(1), LEASE,
        BUCKETS.day(now), BUCKETS.week(now, 1, 0), true, 100, now, now).withSession("s1", STICKY)));
    assertThat(again).isEqualTo(new AdmissionResult.Admitted("next", "unlimited"));
  }

  @Test
  void aCappedAccountAddsTheAuthoritativeSlotScriptsOnly() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    request("capped", "s1", now);

    // account_acquire.lua and account_release.lua: the cap holds across nodes.
    assertThat(request("capped", "s1", now.plusSeconds(1))).containsExactly(1, 2, 1);
  }

  @Test
  void theBackgroundRefreshIsOneRoundTripAndFlushesTheLastUse() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    request("unlimited", "s1", now);
    request("capped", "s1", now);
    counting.roundTrips.set(0);

    join(state.refresh(now.plusSeconds(1)));

    assertThat(counting.roundTrips.get()).isEqualTo(1);
    assertThat(redis.server().call("GET", RedisKeys.accountLastUsed("unlimited")))
        .isEqualTo(Long.toString(now.plusMillis(200).toEpochMilli()));
  }
}
