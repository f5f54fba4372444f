package io.clauderelay.server.log;

import java.util.concurrent.ConcurrentLinkedQueue;
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
 */
public final class LogWriterThread {
  static final long PERIOD_MS = 20;
  static final int MAX_QUEUED = 50_000;

  private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger QUEUED = new AtomicInteger();
  /** Held while writing a batch, so {@link #drain()} returns only once every queued line is written. */
  private static final Object WRITING = new Object();
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

  /** Writes everything queued so far, on the calling thread; used by tests, flush and shutdown. */
  public static void drain() {
    synchronized (WRITING) {
      Runnable next;
      while ((next = QUEUE.poll()) != null) {
        QUEUED.decrementAndGet();
        try {
          next.run();
        } catch (RuntimeException e) {
          // A log line that cannot be written must not stop the ones behind it.
          System.err.println("log line dropped: " + e);
        }
      }
    }
  }

  private static synchronized void start() {
    if (writer != null) return;
    Thread t = new Thread(() -> {
      while (true) {
        drain();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
      }
    }, "relay-log-writer");
    t.setDaemon(true);
    t.start();
    writer = t;
  }
}
