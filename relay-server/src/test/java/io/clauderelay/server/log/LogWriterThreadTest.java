package io.clauderelay.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogWriterThreadTest {
  @Test
  void queuedLinesAreWrittenOffTheCallingThreadInOrder() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 100; i++) {
      int n = i;
      LogWriterThread.submit(() -> {
        written.add("line " + n);
        threads.add(Thread.currentThread().getName());
        if (n == 99) done.countDown();
      });
    }
    assertThat(done.await(5, TimeUnit.SECONDS)).as("the writer thread wrote the lines by itself").isTrue();
    assertThat(written).isEqualTo(java.util.stream.IntStream.range(0, 100).mapToObj(n -> "line " + n).toList());
    assertThat(threads).containsOnly("relay-log-writer");
  }

  @Test
  void drainWritesEverythingQueuedBeforeItReturns() {
    List<Integer> written = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      int n = i;
      LogWriterThread.submit(() -> written.add(n));
    }
    LogWriterThread.drain();
    assertThat(written).hasSize(1_000);
  }

  @Test
  void aLineThatThrowsDoesNotStopTheOnesBehindIt() {
    List<String> written = new CopyOnWriteArrayList<>();
    LogWriterThread.submit(() -> {
      throw new IllegalStateException("encoder broke");
    });
    LogWriterThread.submit(() -> written.add("after"));
    LogWriterThread.drain();
    assertThat(written).containsExactly("after");
  }
}
