package io.clauderelay.server.config;

import io.clauderelay.domain.admission.QueuePolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * How much one node takes on: the ceiling of requests in flight ({@code MAX_IN_FLIGHT}; beyond it
 * a request gets an immediate 503, so a load balancer tries another node), and the length of the
 * concurrency leases it renews while its requests live ({@code CONCURRENCY_LEASE_SECONDS}), and
 * the default of each key's concurrency queue ({@code CONCURRENCY_QUEUE_*}: wait for a slot instead
 * of an immediate 429; off unless set).
 *
 * @param maxInFlight requests this node serves at once; also the upstream pool's size per host
 * @param leaseTtl how long a key or account concurrency slot outlives its node's last renewal
 * @param queueDefaults what a key without its own {@code concurrencyQueue*} fields does over its limit
 */
public record CapacityConfig(int maxInFlight, Duration leaseTtl, QueuePolicy queueDefaults) {
  /** Descriptors kept for everything that is not a request: log files, jars, Redis, DNS, the listener. */
  static final int RESERVED_DESCRIPTORS = 256;
  /** An HTTP/1.1 request in flight holds two descriptors: the client's connection and the upstream one. */
  static final int DESCRIPTORS_PER_REQUEST = 2;
  /** Below this the node could not serve even a small team; a lower descriptor limit still gets it. */
  static final int MIN_DEFAULT = 64;

  /** The renewal interval: a third of the lease, so two renewals may be missed before a slot is lost. */
  public Duration leaseRenewInterval() {
    return leaseTtl.dividedBy(3);
  }

  static CapacityConfig from(EnvValues env) {
    int derived = derivedMaxInFlight(openFileLimit());
    int max = env.intInRange("MAX_IN_FLIGHT", derived, 1, 1_000_000, "MAX_IN_FLIGHT=4000");
    int lease = env.intInRange("CONCURRENCY_LEASE_SECONDS", 30, 3, 3600, "CONCURRENCY_LEASE_SECONDS=30");
    QueuePolicy queue = new QueuePolicy(env.bool("CONCURRENCY_QUEUE_ENABLED", QueuePolicy.OFF.enabled()),
        env.intInRange("CONCURRENCY_QUEUE_MAX_SIZE", QueuePolicy.OFF.maxSize(), 1, 100_000,
            "CONCURRENCY_QUEUE_MAX_SIZE=10"),
        Duration.ofMillis(env.intInRange("CONCURRENCY_QUEUE_TIMEOUT_MS", (int) QueuePolicy.OFF.timeout().toMillis(), 1,
            3_600_000, "CONCURRENCY_QUEUE_TIMEOUT_MS=10000")));
    return new CapacityConfig(max, Duration.ofSeconds(lease), queue);
  }

  /** The default ceiling for a process allowed {@code openFiles} descriptors (its soft limit). */
  static int derivedMaxInFlight(long openFiles) {
    if (openFiles <= 0) return 1000;
    long usable = (openFiles - RESERVED_DESCRIPTORS) / DESCRIPTORS_PER_REQUEST;
    return (int) Math.max(MIN_DEFAULT, Math.min(usable, 1_000_000));
  }

  /**
   * This process's descriptor limit (the soft one, which HotSpot raises to the hard one at start on
   * Linux unless -XX:-MaxFDLimit), or -1 where the JVM cannot say.
   */
  static long openFileLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
  }
}
