package io.clauderelay.server.log;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Lock;

/**
 * An appender that buffers its lines and is flushed by {@link LogWriterThread} after each batch,
 * so a burst of access lines costs a few write calls instead of one per line per appender.
 */
interface BatchFlushed {
  /** Writes out what the appender holds; never throws. */
  void flushBatch();

  /** Flushes {@code appender}'s stream under its write lock, which a rollover holds to swap the stream. */
  static void flush(OutputStreamAppender<?> appender, Lock streamWriteLock) {
    streamWriteLock.lock();
    try {
      OutputStream out = appender.getOutputStream();
      if (appender.isStarted() && out != null) out.flush();
    } catch (IOException e) {
      appender.addError("flush failed", e);
    } finally {
      streamWriteLock.unlock();
    }
  }
}
