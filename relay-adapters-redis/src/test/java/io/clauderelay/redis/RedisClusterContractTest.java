package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountErrorLogContract;
import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.contract.AbstractAdminStoreContract;
import io.clauderelay.domain.contract.AbstractApiKeyStoreContract;
import io.clauderelay.domain.contract.AbstractImportProgressContract;
import io.clauderelay.domain.contract.AbstractLedgerContract;
import io.clauderelay.domain.contract.AbstractLoginThrottleContract;
import io.clauderelay.domain.contract.AbstractOAuthSessionStoreContract;
import io.clauderelay.domain.contract.AbstractSettingsStoreContract;
import io.clauderelay.domain.contract.AbstractSharedPriceFileContract;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.ImportProgress;
import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.domain.port.SettingsStore;
import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.testing.RedisClusterFixture;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every store contract of the Redis adapter against a real 3-master Redis Cluster
 * ({@code REDIS_CLUSTER_NODES}), one cluster for all suites: scripts routed by their keys' slot,
 * batches that span slots split per command, the cluster client following the slot map.
 */
class RedisClusterContractTest {
  @RegisterExtension
  static final RedisClusterFixture cluster = RedisClusterFixture.perClass();

  private static RedisCommands commands() {
    cluster.flush();
    return cluster.commands();
  }

  @Nested
  class Ledger extends AbstractLedgerContract<RedisLedger> {
    @Override
    protected RedisLedger newLedger() {
      return new RedisLedger(commands());
    }
  }

  @Nested
  class ApiKeys extends AbstractApiKeyStoreContract {
    @Override
    protected ApiKeyStore newStore() {
      return new RedisApiKeyStore(commands());
    }
  }

  @Nested
  class Accounts extends AbstractAccountStoreContract {
    @Override
    protected AccountStore newStore() {
      return new RedisAccountStore(commands());
    }
  }

  @Nested
  class CachedAccounts extends AbstractAccountStoreContract {
    @Override
    protected AccountStore newStore() {
      return new CachedAccountStore(new RedisAccountStore(commands()), Duration.ofHours(1), System::nanoTime, id -> {});
    }
  }

  @Nested
  class AccountState extends AbstractAccountStateStoreContract {
    private PendingTotals pending;

    @Override
    protected AccountStateStore newStore() {
      RedisCommands c = commands();
      pending = new PendingTotals(c);
      return new RedisAccountStateStore(c, new TimeBuckets(ZoneOffset.UTC), pending);
    }

    @Override
    protected UsageLedger ledger() {
      return new RedisLedger(cluster.commands(), pending);
    }
  }

  @Nested
  class CachedAccountState extends AbstractAccountStateStoreContract {
    private PendingTotals pending;

    @Override
    protected AccountStateStore newStore() {
      RedisCommands c = commands();
      TimeBuckets buckets = new TimeBuckets(ZoneOffset.UTC);
      pending = new PendingTotals(c);
      return new CachedAccountStateStore(new RedisAccountStateStore(c, buckets, pending), buckets, System::nanoTime);
    }

    @Override
    protected UsageLedger ledger() {
      return new RedisLedger(cluster.commands(), pending);
    }
  }

  @Nested
  class ErrorLog extends AbstractAccountErrorLogContract {
    @Override
    protected AccountErrorLog newLog() {
      return new RedisAccountErrorLog(commands(), CAPACITY, Duration.ofDays(7));
    }
  }

  @Nested
  class Admin extends AbstractAdminStoreContract {
    @Override
    protected AdminStore newStore() {
      return new RedisAdminStore(commands());
    }
  }

  @Nested
  class Login extends AbstractLoginThrottleContract {
    @Override
    protected LoginThrottle newThrottle() {
      return new RedisLoginThrottle(commands());
    }
  }

  @Nested
  class OAuthSessions extends AbstractOAuthSessionStoreContract {
    @Override
    protected OAuthSessionStore newStore() {
      return new RedisOAuthSessionStore(commands());
    }
  }

  @Nested
  class Settings extends AbstractSettingsStoreContract {
    @Override
    protected SettingsStore newStore() {
      return new RedisSettingsStore(commands());
    }
  }

  @Nested
  class PriceFile extends AbstractSharedPriceFileContract {
    @Override
    protected SharedPriceFile newStore() {
      return new RedisSharedPriceFile(commands());
    }
  }

  @Nested
  class Import extends AbstractImportProgressContract {
    @Override
    protected ImportProgress newProgress() {
      return new RedisImportProgress(commands());
    }
  }
}
