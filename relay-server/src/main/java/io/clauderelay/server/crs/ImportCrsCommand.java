package io.clauderelay.server.crs;

import io.clauderelay.crypto.AesGcmCipher;
import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.crs.CrsCipher;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.RedisImportProgress;
import io.clauderelay.embedded.EmbeddedStore;
import io.clauderelay.redis.RedisStores;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.store.RedisBackedStores;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./relay import-crs}: reads a live CRS Redis and writes its keys, accounts, usage and admin
 * into the store this relay is configured for. Returns the exit code: 0 done, 1 failed (nothing or
 * only whole items written), 2 a bad command line.
 */
public final class ImportCrsCommand {
  private static final String LOCK = "import-crs";
  /** Longer than any import should take; a crashed run's lock goes by itself. */
  private static final java.time.Duration LOCK_TTL = java.time.Duration.ofMinutes(30);

  private ImportCrsCommand() {}

  public static int run(List<String> args, RelayConfig config, PrintStream out, PrintStream err) {
    CrsFrom from;
    try {
      from = CrsFrom.parse(args);
    } catch (CrsFrom.BadArguments e) {
      err.println("import-crs: " + e.getMessage());
      err.println(CrsFrom.USAGE);
      return 2;
    }
    if (config.secrets().encryptionKeyEphemeral()) {
      err.println("import-crs: ENCRYPTION_KEY is not set: imported credentials would be unreadable after this run");
      return 1;
    }
    if (config.secrets().crsEncryptionKey() == null) {
      err.println("import-crs: set CRS_ENCRYPTION_KEY (or ENCRYPTION_KEY) to the ENCRYPTION_KEY CRS ran with");
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    TimeBuckets buckets = new TimeBuckets(config.operations().zoneOffset());
    RedisStores redis = null;
    EmbeddedStore embedded = null;
    try (CrsSource src = CrsSource.open(vertx, from.settings())) {
      CrsSnapshot snapshot = CrsSnapshot.read(src);
      ImportTarget target;
      if (config.store().mode() == StoreMode.EMBEDDED) {
        // The embedded store in DATA_DIR (the relay must be stopped: its lock says so); closed, so
        // flushed and synced, in the finally below.
        embedded = EmbeddedStore.open(config.server().dataDir(), buckets, Clock.systemUTC());
        target = new ImportTarget("embedded store " + embedded.path(), embedded.keys(), embedded.accounts(),
            embedded.ledger(), embedded.admin(), embedded.importProgress(), cipher(config), buckets,
            embedded.settings());
      } else {
        redis = RedisStores.create(vertx, RedisBackedStores.settings(config.store()), buckets);
        target = new ImportTarget("Redis " + redis.settings().describe(), redis.apiKeys(), redis.accounts(),
            redis.usage(),
            redis.admin(), new RedisImportProgress(redis.commands()), cipher(config), buckets, redis.settingsStore());
      }
      CrsCipher crs = new CrsCipher(config.secrets().crsEncryptionKey().reveal());
      String owner = java.util.UUID.randomUUID().toString();
      if (redis != null && !from.dryRun() && !CrsImport.join(redis.jobLock().tryAcquire(LOCK, owner, LOCK_TTL))) {
        throw new CrsImportException("another import-crs is writing to this store; run one at a time");
      }
      ImportReport report;
      try {
        report = new CrsImport(target, crs, Instant.now()).run(snapshot, from.dryRun());
      } finally {
        if (redis != null && !from.dryRun()) CrsImport.join(redis.jobLock().release(LOCK, owner));
      }
      if (redis != null && !from.dryRun() && report.changed()) {
        // Running nodes drop their cached keys and accounts now rather than at their cache's expiry.
        CrsImport.join(redis.invalidations().publish("*", "*"));
      }
      report.print(out, "import-crs: CRS Redis " + from.settings().describe() + " -> " + target.description()
          + (from.dryRun() ? " (dry run)" : ""), from.dryRun());
      return 0;
    } catch (CrsImportException e) {
      err.println("import-crs: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      err.println("import-crs: failed while writing to " + config.store().mode() + " store: "
          + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")
          + "; rerun to finish: what was written is marked and is not written twice");
      return 1;
    } finally {
      if (embedded != null) embedded.close();
      if (redis != null) CrsImport.join(redis.close());
      vertx.close();
    }
  }

  private static AesGcmCipher cipher(RelayConfig config) {
    return new AesGcmCipher(EncryptionKey.parse(config.secrets().encryptionKey().reveal()));
  }
}
