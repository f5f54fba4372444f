package io.clauderelay.embedded;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.contract.AccountFixtures;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Writes a little of everything the embedded store keeps, and reads it all back as one comparable map. */
final class StateFixture {
  static final TimeBuckets BUCKETS = TimeBuckets.ofHours(0);
  static final KeyLimits WINDOWED = new KeyLimits(0, 60, 1000, 0, 0, 0, 0, 0, 1, 0);

  private StateFixture() {}

  static <T> T join(CompletionStage<T> s) {
    return s.toCompletableFuture().join();
  }

  static UsageBuckets buckets(Instant at) {
    return new UsageBuckets(BUCKETS.day(at), BUCKETS.hour(at), BUCKETS.month(at), BUCKETS.week(at, 1, 0));
  }

  static ApiKey key(String id) {
    return ApiKey.builder(id, "hash-" + id).name("team " + id).limits(WINDOWED)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  /** Admin-side changes: synced before they complete. */
  static void writeAdmin(EmbeddedStore s, String suffix, Instant now) {
    join(s.keys().save(key("k-" + suffix)));
    join(s.accounts().save(AccountFixtures.account("acc-" + suffix).groups("g1").maxConcurrency(3).build()));
    join(s.admin().saveCredentials(new AdminCredentials("admin-" + suffix, "$argon2id$" + suffix, now)));
    // Revocations are judged on the real clock, as on Redis (a TTL).
    join(s.admin().revoke("token-" + suffix, Instant.now().plus(Duration.ofHours(1))));
  }

  /** {@code n} settled requests on key {@code keyId}, the first one binding a sticky session. */
  static void use(EmbeddedStore s, String keyId, int n, Instant at) {
    for (int i = 0; i < n; i++) {
      Instant t = at.plusMillis(i);
      String lease = keyId + "-lease-" + t.toEpochMilli() + "-" + i;
      join(s.ledger().admit(new AdmissionRequest(keyId, lease, WINDOWED, t, Duration.ofMinutes(5), BUCKETS.day(t),
          BUCKETS.week(t, 1, 0), true, 0, null, null)));
      UsageRecord r = new UsageRecord(lease, keyId, "acc-1", Provider.CLAUDE,
          i % 2 == 0 ? "claude-sonnet-4" : "claude-opus-4",
          new TokenUsage(100 + i, 20, 3, 2, 1), new Cost(40, 60, 0, 0, 0, 100, false, false), 150, 200, true, 900, 80,
          t);
      StickyBinding sticky = i == 0 ? StickyBinding.bind("session-" + keyId, "acc-1", Duration.ofHours(1)) : null;
      join(s.ledger().settle(new UsageSettlement(r, buckets(t), lease, true, sticky)));
    }
    join(s.accountState().release("acc-1", "x", at));
  }

  static void writeRuntime(EmbeddedStore s, Instant now) {
    join(s.accountState().coolDown("acc-1", now.plus(Duration.ofHours(2)), "server_error (HTTP 500)"));
    join(s.accountState().coolDownFamily("acc-1", "opus", now.plus(Duration.ofHours(3)), "rate_limited"));
    join(s.accountState().recordPlan("acc-1", ClaudePlan.MAX));
    join(s.accountState().recordWindowStatus("acc-1", "allowed_warning"));
    join(s.accountErrors().append("acc-1",
        new AccountErrorEvent(now, now.plus(Duration.ofHours(2)), "server_error (HTTP 500)")));
  }

  /** Everything a user of the ports can read about {@code keyId} and the store, as of {@code now}. */
  static Map<String, Object> read(EmbeddedStore s, String keyId, Instant usedAt, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    UsageBuckets b = buckets(usedAt);
    KeyUsage u = join(s.ledger().keyUsage(keyId, b, 60, now));
    out.put("usage", u);
    out.put("records", join(s.ledger().recentRecords(keyId, 500)));
    out.put("modelsAllTime", join(s.ledger().keyModelTotals(keyId, null)));
    out.put("modelsDay", join(s.ledger().keyModelTotals(keyId, b.day())));
    out.put("day", join(s.ledger().dailyTotals(b.day())));
    out.put("minutes", join(s.ledger().minuteTotals(usedAt, 5)));
    out.put("keys", join(s.keys().list()));
    out.put("byHash", join(s.keys().findByHash("hash-" + keyId)));
    out.put("accounts", join(s.accounts().list()));
    out.put("credentials", join(s.admin().credentials()));
    out.put("runtime", join(s.accountState().runtime(List.of("acc-1"), now)));
    out.put("errors", join(s.accountErrors().recent("acc-1", 50)));
    return out;
  }
}
