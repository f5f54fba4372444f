package io.clauderelay.embedded;

import io.clauderelay.domain.port.StateTransfer;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store kept in DATA_DIR: every persistent port over one MVStore file. Admin changes
 * (keys, accounts, admin credentials, logouts) are synced before they complete; usage, spend
 * counters, sticky sessions, account runtime and error history are flushed every {@link
 * #FLUSH_EVERY} (so on disk within {@link #BOUND}); {@link #close} writes everything left.
 */
public final class EmbeddedStore implements StateTransfer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
  /** How often counters are flushed. */
  public static final Duration FLUSH_EVERY = Duration.ofMillis(500);
  /** The most usage a kill -9 can lose: one flush interval plus the time a flush takes, rounded up. */
  public static final Duration BOUND = Duration.ofSeconds(1);

  private final EmbeddedFile file;
  private final Clock clock;
  private final PersistentApiKeyStore keys;
  private final PersistentAccountStore accounts;
  private final PersistentAdminStore admin;
  private final PersistentAccountErrorLog accountErrors;
  private final PersistentLedger ledger;
  private final PersistentAccountState accountState;
  private final PersistentImportProgress importProgress;
  private final PersistentSettingsStore settings;
  private final AtomicBoolean flushPending = new AtomicBoolean();

  private EmbeddedStore(EmbeddedFile file, TimeBuckets buckets, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.keys = new PersistentApiKeyStore(file);
    this.accounts = new PersistentAccountStore(file);
    this.admin = new PersistentAdminStore(file);
    this.accountErrors = new PersistentAccountErrorLog(file, io.clauderelay.domain.port.AccountErrorLog.KEPT);
    this.ledger = new PersistentLedger(file, clock.instant());
    this.accountState = new PersistentAccountState(file, buckets, ledger.hot(), clock.instant(), this::flushSoon);
    this.importProgress = new PersistentImportProgress(file);
    this.settings = new PersistentSettingsStore(file);
  }

  /**
   * Opens DATA_DIR/relay.mv.db and loads it whole (so a damaged page shows now, not mid-request).
   *
   * @throws EmbeddedStoreException with one line: locked by another relay, or unreadable
   */
  public static EmbeddedStore open(Path dataDir, TimeBuckets buckets, Clock clock) {
    return open(dataDir, buckets, clock, FLUSH_EVERY);
  }

  /** As {@link #open(Path, TimeBuckets, Clock)}, flushing every {@code flushEvery} (tests: never by itself). */
  static EmbeddedStore open(Path dataDir, TimeBuckets buckets, Clock clock, Duration flushEvery) {
    EmbeddedFile file = EmbeddedFile.open(dataDir);
    EmbeddedStore store;
    try {
      store = new EmbeddedStore(file, buckets, clock);
    } catch (RuntimeException e) {
      try {
        file.closeUnwritten();
      } catch (RuntimeException ignored) {
        // The file is already unreadable; the reason below is the one to report.
      }
      throw EmbeddedFile.failure(file.path(), e);
    }
    file.every(flushEvery.toMillis(), store::flushNow);
    LOG.info("embedded store: {} ({} bytes)", file.path(), file.fileSize());
    return store;
  }

  public PersistentApiKeyStore keys() {
    return keys;
  }

  public PersistentAccountStore accounts() {
    return accounts;
  }

  public PersistentAdminStore admin() {
    return admin;
  }

  public PersistentAccountErrorLog accountErrors() {
    return accountErrors;
  }

  public PersistentLedger ledger() {
    return ledger;
  }

  public PersistentAccountState accountState() {
    return accountState;
  }

  /** What import-crs has brought into this store (kept with the data it describes). */
  public PersistentImportProgress importProgress() {
    return importProgress;
  }

  /** Operator settings shared by the admin routes (the alert channels), kept like admin changes. */
  public PersistentSettingsStore settings() {
    return settings;
  }

  public Path path() {
    return file.path();
  }

  public long fileSize() {
    return file.fileSize();
  }

  /** Flushes and commits now; completes when the counters are in the file (tests, export). */
  public void flush() {
    file.write(this::flushEntries, true).toCompletableFuture().join();
  }

  private void flushSoon() {
    if (flushPending.compareAndSet(false, true)) file.write(this::flushNow, false);
  }

  /** On the writer thread. A failing flush is logged and retried next time: the entries stay in memory. */
  private void flushNow() {
    try {
      flushEntries();
      file.commit(false);
    } catch (RuntimeException e) {
      LOG.error("embedded store: flushing to {} failed (retried in {} ms): {}", file.path(), FLUSH_EVERY.toMillis(),
          e.toString());
    }
  }

  private void flushEntries() {
    flushPending.set(false);
    ledger.persister.flush(clock.instant());
    accountState.persister.flush(clock.instant());
  }

  @Override
  public CompletionStage<Map<String, Object>> usageEntries(Instant now) {
    return CompletableFuture.completedFuture(ledger.entries());
  }

  /** Loads the entries into memory and flushes them to the file before completing. */
  @Override
  public CompletionStage<Void> loadUsageEntries(Map<String, Object> entries, Instant now) {
    ledger.load(entries);
    return file.write(this::flushEntries, true);
  }

  @Override
  public CompletionStage<Map<String, Object>> accountStateEntries(Instant now) {
    return CompletableFuture.completedFuture(accountState.entries());
  }

  @Override
  public CompletionStage<Void> loadAccountStateEntries(Map<String, Object> entries, Instant now) {
    accountState.load(entries);
    return file.write(this::flushEntries, true);
  }

  /** Drops the store as a kill -9 would (tests): nothing more is flushed or committed; the lock is freed. */
  void crashForTests() {
    file.closeUnwritten();
  }

  /** The graceful stop: the last flush, commit, fsync, and the file's lock released. */
  @Override
  public void close() {
    file.close(this::flushEntries);
  }
}
