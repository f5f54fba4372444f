package io.clauderelay.server.log;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the per-request log lines off the event loops: callers queue a write (a lock-free offer,
 * no system call) and one daemon thread performs the queued writes every few milliseconds.
 *
 * <p>Why not Logback's AsyncAppender: its blocking queue wakes its worker with a futex call on
 * every line, which measured about as costly on the event loop as the JSON encoding it saved.
 * Lines are written at most {@link #PERIOD_MS} ms late, in order. Past {@link #MAX_QUEUED} waiting
 * lines (the writer is stuck: a full disk, a blocked stdout) the caller writes the queue and then its
 * own line: back-pressure on the event loop instead of lost lines or unbounded memory.
 *
 * <p>The busy appenders (main file, console) buffer their lines and are flushed here after each
 * batch: a few write calls per batch instead of one per line and appender. Lines of other threads
 * written to those appenders reach the file within the same period. A JVM halted without its
 * shutdown hooks (kill -9, ExitOnOutOfMemoryError) loses at most the last period's lines.
 */
public final class LogWriterThread {
  static final long PERIOD_MS = 20;
  static final int MAX_QUEUED = 50_000;
  /**
   * Lines written between yields. A batch is about 150 lines at 7,500 requests/s, 0.5 to 1.3 ms of
   * CPU; the scheduler lets a woken thread wait behind it, and on 2 cores that thread was the relay's
   * event loop, the client or the upstream in most scheduling delays over 0.3 ms (perf sched).
   */
  static final int YIELD_EVERY = 16;

  private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger QUEUED = new AtomicInteger();
  /** Held while writing a batch, so {@link #drain()} returns only once every queued line is written. */
  private static final Object WRITING = new Object();
  private static final List<BatchFlushed> FLUSHED = new CopyOnWriteArrayList<>();
  private static volatile Thread writer;

  private LogWriterThread() {}

  /** Runs {@code write} on the writer thread soon, or right here when the queue is full. */
  public static void submit(Runnable write) {
    if (QUEUED.incrementAndGet() > MAX_QUEUED) {
      QUEUED.decrementAndGet();
      drain();
      write.run();
      return;
    }
    QUEUE.offer(write);
    if (writer == null) start();
  }

  /** Writes everything queued so far and flushes the buffering appenders, on the calling thread. */
  public static void drain() {
    synchronized (WRITING) {
      Runnable next;
      int written = 0;
      while ((next = QUEUE.poll()) != null) {
        QUEUED.decrementAndGet();
        if (++written % YIELD_EVERY == 0) Thread.yield();
        try {
          next.run();
        } catch (RuntimeException e) {
          // A log line that cannot be written must not stop the ones behind it.
          System.err.println("log line dropped: " + e);
        }
      }
      for (BatchFlushed appender : FLUSHED) appender.flushBatch();
    }
  }

  /** From now on {@code appender} is flushed after every batch, and when the JVM exits. */
  static void flushAfterEachBatch(BatchFlushed appender) {
    FLUSHED.add(appender);
    if (writer == null) start();
  }

  static void stopFlushing(BatchFlushed appender) {
    FLUSHED.remove(appender);
  }

  private static synchronized void start() {
    if (writer != null) return;
    Thread t = new Thread(() -> {
      while (true) {
        drain();
        // Not shorter: every wake-up is a context switch on cores the event loops share.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
      }
    }, "relay-log-writer");
    t.setDaemon(true);
    t.start();
    writer = t;
    // System.exit and SIGTERM run the hooks; without this the buffered lines of a CLI command would be lost.
    Runtime.getRuntime().addShutdownHook(new Thread(LogWriterThread::drain, "relay-log-flush"));
  }
}
