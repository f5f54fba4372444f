package io.clauderelay.server;

import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.HmacKeyHasher;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.server.admin.RecordingAccountState;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.lease.LeaseRenewal;
import io.clauderelay.server.metrics.TimedAdmissionStore;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.pricing.PriceCatalogHolder;
import io.clauderelay.server.store.PatientAdmission;
import io.clauderelay.server.store.Stores;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root's own set of what it built over the backend: the store's ports wrapped in
 * what the request path needs (patience during a failover, timing, lease renewal, the settlement
 * journal, the shared error log), the crypto, the price catalog and the clock. Only the composition
 * root ({@link RelayApp}, {@link RouteWiring}) reads it: every consumer is handed the ports it uses.
 */
record StorePorts(Stores stores, ApiKeyStore keys, AdmissionStore admission, UsageLedger ledger,
    JournalingUsageLedger journal, AccountStore accounts, AccountStateStore accountState, AdminStore admin,
    KeyHasher hasher, SecretCipher cipher, PriceCatalogHolder prices, CostCalculator costs, Clock clock,
    LeaseRenewal leases) {
  private static final int JOURNAL_CAPACITY = 100_000;
  private static final Duration ADMISSION_PATIENCE = Duration.ofSeconds(10);

  static StorePorts build(RelayConfig config, Vertx vertx, Stores stores, SecretCipher cipher, EncryptionKey key,
      PriceCatalogHolder prices, RelayObserver observer, Clock clock) {
    JournalingUsageLedger journal = new JournalingUsageLedger(stores.ledger(), JOURNAL_CAPACITY);
    // Only a shared store can be briefly away (failover); the embedded one answers or is broken.
    AdmissionStore admission = new TimedAdmissionStore(config.store().mode() == StoreMode.EMBEDDED
        ? stores.admission()
        : new PatientAdmission(stores.admission(), vertx, ADMISSION_PATIENCE, Duration.ofMillis(250)), observer);
    // Cool-downs also go to the shared error log, so every node's admin API shows every node's.
    // Concurrency slots are short leases this node renews while their requests live (issue 14).
    LeaseRenewal leases = new LeaseRenewal(clock, config.capacity().leaseTtl());
    return new StorePorts(stores, stores.keys(), leases.admission(admission), leases.ledger(journal), journal,
        stores.accounts(),
        leases.accountSlots(new RecordingAccountState(stores.accountState(), stores.accountErrors(), clock, observer)),
        stores.admin(), new HmacKeyHasher(key), cipher, prices, new CostCalculator(prices,
            CostCalculator.DEFAULT_FALLBACK),
        clock, leases);
  }
}
