package io.clauderelay.embedded;

import static io.clauderelay.embedded.StateFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a restart of the embedded store keeps: everything after a graceful close, all but the unflushed usage after a crash. */
class RestartTest {
  private static final Instant T = Instant.parse("2026-03-04T10:00:00Z");
  private static final Clock AT_T = Clock.fixed(T, ZoneOffset.UTC);

  @RegisterExtension
  final TempStores stores = new TempStores();

  @TempDir
  Path dir;

  @Test
  void aGracefulCloseKeepsEveryKeyAccountCounterRecordAndSession() {
    EmbeddedStore first = stores.open(dir, AT_T);
    StateFixture.writeAdmin(first, "a", T);
    StateFixture.use(first, "k-a", 250, T);
    StateFixture.writeRuntime(first, T);
    Map<String, Object> before = StateFixture.read(first, "k-a", T, T.plusSeconds(1));
    stores.close(first);

    EmbeddedStore second = stores.open(dir, AT_T);

    assertThat(StateFixture.read(second, "k-a", T, T.plusSeconds(1))).isEqualTo(before);
    @SuppressWarnings("unchecked")
    List<UsageRecord> records = (List<UsageRecord>) before.get("records");
    assertThat(records).hasSize(200);
    assertThat(((KeyUsage) before.get("usage")).total().requests()).isEqualTo(250);
    assertThat(join(second.admin().isRevoked("token-a"))).isTrue();
    AdmissionResult again = join(second.ledger()
        .admit(new AdmissionRequest("k-a", "after-restart", StateFixture.WINDOWED,
            T.plusSeconds(2), Duration.ofMinutes(5), "2026-03-04", StateFixture.BUCKETS.week(T, 1, 0), true, 0, null,
            null)
            .withSession("session-k-a", Duration.ofHours(1))));
    assertThat(((AdmissionResult.Admitted) again).stickyAccountId()).as("the sticky session survived")
        .isEqualTo("acc-1");
  }

  @Test
  void aCrashLosesOnlyUsageNotYetFlushedAndNoAdminChange() {
    EmbeddedStore first = stores.openFlushingByHand(dir, AT_T);
    StateFixture.writeAdmin(first, "a", T);
    StateFixture.use(first, "k-a", 10, T);
    first.flush(); // what the periodic flush does within the bound
    Map<String, Object> flushed = StateFixture.read(first, "k-a", T, T.plusSeconds(1));
    StateFixture.use(first, "k-a", 5, T.plusSeconds(1)); // settled after the last flush
    StateFixture.writeAdmin(first, "b", T); // synced when it completed
    stores.crash(first);

    EmbeddedStore second = stores.open(dir, AT_T);

    KeyUsage usage = join(second.ledger().keyUsage("k-a", StateFixture.buckets(T), 60, T.plusSeconds(1)));
    assertThat(usage).isEqualTo(flushed.get("usage"));
    assertThat(join(second.keys().findById("k-b"))).isPresent();
    assertThat(join(second.accounts().findById("acc-b"))).isPresent();
    assertThat(join(second.admin().credentials()).orElseThrow().username()).isEqualTo("admin-b");
    assertThat(join(second.admin().isRevoked("token-b"))).isTrue();
  }

  @Test
  void countersExpireAsTheirRedisKeysWouldAndTheFileForgetsThem() {
    EmbeddedStore first = stores.open(dir, AT_T);
    StateFixture.writeAdmin(first, "a", T);
    StateFixture.use(first, "k-a", 3, T);
    stores.close(first);
    long entriesBefore = ledgerEntries(dir);

    Instant nineDaysLater = T.plus(Duration.ofDays(9));
    EmbeddedStore later = stores.open(dir, Clock.fixed(nineDaysLater, ZoneOffset.UTC));

    KeyUsage u = join(later.ledger().keyUsage("k-a", StateFixture.buckets(T), 60, nineDaysLater));
    assertThat(u.dailyCostMicros()).as("daily cost counter, kept 8 days").isZero();
    assertThat(u.totalCostMicros()).as("all-time cost").isEqualTo(3 * 150);
    assertThat(u.today().requests()).as("that day's totals, kept 400 days").isEqualTo(3);
    assertThat(join(later.ledger().recentRecords("k-a", 10))).hasSize(3);
    stores.close(later);
    assertThat(ledgerEntries(dir)).isLessThan(entriesBefore);
  }

  private long ledgerEntries(Path dataDir) {
    try (EmbeddedFile f = EmbeddedFile.open(dataDir)) {
      return f.map("ledger").keySet().stream().filter(n -> !LedgerEntries.kind(n).isEmpty()).count();
    }
  }
}
