package io.clauderelay.server;

import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.admission.QueuePolicy;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Duration;

/**
 * The settings the request path needs, narrowed from the whole configuration by the composition
 * root so that handlers never read configuration themselves.
 */
public record RelaySettings(
    String apiKeyPrefix,
    long maxBodyBytes,
    Duration requestTimeout,
    Duration stickyTtl,
    Duration leaseTtl,
    TimeBuckets buckets,
    CooldownPolicy cooldowns,
    int maxFailoverRetries,
    Duration keyCacheTtl,
    Duration adminSessionTtl,
    boolean trustProxy,
    String version,
    QueuePolicy queueDefaults) {}
