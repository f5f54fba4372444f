package io.clauderelay.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The one MVStore file in DATA_DIR and the one thread that writes it. Every change to the file runs
 * on that thread (admin changes, the periodic flush of counters), so no request thread ever waits
 * on the disk and writes never interleave.
 */
public final class EmbeddedFile implements AutoCloseable {
  public static final String FILE_NAME = "relay.mv.db";
  private static final String MULTI_NODE = "the embedded store serves one node only; for several nodes use Redis"
      + " (REDIS_HOST or REDIS_SENTINEL_ENABLED)";

  private static final int CLOSE_COMPACTION_MS = 1000;

  private final Path path;
  private final MVStore store;
  private final ScheduledExecutorService writer;

  private EmbeddedFile(Path path, MVStore store) {
    this.path = path;
    this.store = store;
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "embedded-store-writer");
      t.setDaemon(true);
      return t;
    });
    w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.writer = w;
  }

  /** Opens (or creates) DATA_DIR/relay.mv.db; a file held by another relay or unreadable stops here with one line. */
  public static EmbeddedFile open(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new EmbeddedStoreException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be created: " + e, e);
    }
    try {
      // We commit after every change (see write, Flusher); MVStore's own background thread (every
      // second) then finds nothing to commit and only rewrites sparse old chunks, which bounds the file.
      MVStore store = new MVStore.Builder().fileName(file.toString()).open();
      return new EmbeddedFile(file, store);
    } catch (MVStoreException e) {
      throw failure(file, e);
    }
  }

  /** The one-line reason a file cannot serve this relay. */
  static EmbeddedStoreException failure(Path file, RuntimeException e) {
    int code = e instanceof MVStoreException m ? m.getErrorCode() : -1;
    if (code == DataUtils.ERROR_FILE_LOCKED) {
      return new EmbeddedStoreException("DATA_DIR " + file.getParent() + " is in use by another relay (" + file
          + " is locked): " + MULTI_NODE, e);
    }
    String reason = e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getMessage().lines().findFirst().orElse("");
    return new EmbeddedStoreException("the embedded store " + file + " cannot be read (" + reason + "); the relay does"
        + " not start empty over it: restore a backup with ./relay import FILE, or move the file away to start empty",
        e);
  }

  Path path() {
    return path;
  }

  MVMap<String, String> map(String name) {
    return store.openMap(name);
  }

  /** Runs {@code change} on the writer thread, then commits (and with {@code sync}, forces it to the disk). */
  CompletionStage<Void> write(Runnable change, boolean sync) {
    return CompletableFuture.runAsync(() -> {
      change.run();
      commit(sync);
    }, writer);
  }

  /** Runs {@code task} on the writer thread every {@code millis}. */
  void every(long millis, Runnable task) {
    writer.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** On the writer thread: commits what the maps hold; with {@code sync} also fsyncs. */
  void commit(boolean sync) {
    if (store.hasUnsavedChanges()) {
      store.commit();
      if (sync) store.sync();
    }
  }

  /** Bytes of the file (for the benchmark and the size test). */
  public long fileSize() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Runs {@code last} on the writer thread (the final flush), then commits, fsyncs and closes the file. */
  public void close(Runnable last) {
    try {
      writer.submit(() -> {
        last.run();
        store.commit();
        store.sync();
      }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded store could not write its last changes to " + path, e);
    } finally {
      writer.shutdown();
      // Up to a second to move live pages out of sparse chunks and truncate: 15.3 MB after a million
      // requests on one key becomes 2.2 MB (bench/RESULTS.md).
      store.close(CLOSE_COMPACTION_MS);
    }
  }

  @Override
  public void close() {
    close(() -> {});
  }

  /** Closes without writing anything (the file could not be loaded): releases the lock only. */
  void closeUnwritten() {
    writer.shutdownNow();
    store.closeImmediately();
  }
}
