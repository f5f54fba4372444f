package io.clauderelay.embedded;

import io.clauderelay.domain.time.TimeBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Opens embedded stores in fresh temporary directories and closes them (freeing their locks) after each test. */
final class TempStores implements AfterEachCallback {
  private final List<EmbeddedStore> open = new ArrayList<>();

  EmbeddedStore fresh() {
    try {
      return open(Files.createTempDirectory("embedded-store"), Clock.systemUTC());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  EmbeddedStore open(Path dir, Clock clock) {
    EmbeddedStore s = EmbeddedStore.open(dir, TimeBuckets.ofHours(0), clock);
    open.add(s);
    return s;
  }

  /** A store that flushes counters only when told to ({@link EmbeddedStore#flush}), so a crash test knows what was flushed. */
  EmbeddedStore openFlushingByHand(Path dir, Clock clock) {
    EmbeddedStore s = EmbeddedStore.open(dir, TimeBuckets.ofHours(0), clock, java.time.Duration.ofDays(1));
    open.add(s);
    return s;
  }

  /** Closes {@code s} now (the graceful stop); it is not closed again. */
  void close(EmbeddedStore s) {
    open.remove(s);
    s.close();
  }

  /** Drops {@code s} as a kill -9 would: no last flush, nothing more written; only the lock is freed. */
  void crash(EmbeddedStore s) {
    open.remove(s);
    s.crashForTests();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    open.forEach(EmbeddedStore::close);
    open.clear();
  }
}
