package io.clauderelay.server.crs;

import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.ImportProgress;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;

/** The store ports an import writes through (whatever store the relay is configured for), and our cipher. */
record ImportTarget(String description, ApiKeyStore keys, AccountStore accounts, UsageLedger ledger, AdminStore admin,
    ImportProgress progress, SecretCipher cipher, TimeBuckets buckets,
    io.clauderelay.domain.port.SettingsStore settings) {}
