package io.clauderelay.server;

import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.PriceCatalog;
import java.time.Clock;

/** The stores, crypto and pricing the routes work with, built once by the composition root. */
public record RelayServices(
    ApiKeyStore keys,
    AdmissionStore admission,
    UsageLedger ledger,
    AccountStore accounts,
    AccountStateStore accountState,
    AdminStore admin,
    KeyHasher hasher,
    SecretCipher cipher,
    PriceCatalog prices,
    CostCalculator costs,
    Clock clock) {}
