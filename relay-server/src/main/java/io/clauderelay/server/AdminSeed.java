package io.clauderelay.server;

import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import io.clauderelay.server.cli.InitFiles;
import io.clauderelay.server.config.RelayConfig;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seeds the admin account from {@code init.json} at start; afterwards the store is the truth. */
final class AdminSeed {
  private static final Logger LOG = LoggerFactory.getLogger(RelayApp.class); // the start-up log keeps its name
  /** How long a starting node retries its first store call (the admin seed) before giving up. */
  private static final Duration STARTUP_STORE_PATIENCE = Duration.ofSeconds(30);

  private AdminSeed() {}

  /** init.json seeds an empty store only; afterwards the store is the truth (password changes live there). */
  static void fromInitFile(RelayConfig config, AdminStore admin) {
    InitFiles.read(config.server().dataDir()).ifPresentOrElse(
        init -> seedPatiently(() -> admin.seedCredentials(
            new AdminCredentials(init.adminUsername(), init.passwordHash(), Instant.now())).toCompletableFuture()
            .join()),
        () -> LOG.warn("no {} in {}: run './relay init' to create the admin account", InitFiles.INIT_FILE,
            config.server().dataDir()));
  }

  /**
   * The first store call of a node: a shared store may be mid-failover (~7 s) or slow on a loaded
   * host, so it is retried for a while instead of ending the process at the first timeout.
   */
  private static void seedPatiently(Runnable seed) {
    long deadline = System.nanoTime() + STARTUP_STORE_PATIENCE.toNanos();
    while (true) {
      try {
        seed.run();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() >= deadline) throw e;
        LOG.warn("store not ready at start ({}); retrying", String.valueOf(e.getCause() == null ? e : e.getCause()));
        GracefulStop.sleep(1000);
      }
    }
  }
}
