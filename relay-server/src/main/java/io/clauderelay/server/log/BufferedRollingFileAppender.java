package io.clauderelay.server.log;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Logback's rolling file appender without a flush per line: lines wait in the appender's buffer
 * until {@link LogWriterThread} flushes it, at most {@link LogWriterThread#PERIOD_MS} ms later.
 */
public class BufferedRollingFileAppender<E> extends RollingFileAppender<E> implements BatchFlushed {
  @Override
  public void start() {
    setImmediateFlush(false);
    super.start();
    if (isStarted()) LogWriterThread.flushAfterEachBatch(this);
  }

  @Override
  public void stop() {
    LogWriterThread.stopFlushing(this);
    super.stop();
  }

  @Override
  public void flushBatch() {
    // The stream lock: a rollover swaps the stream under it.
    streamWriteLock.lock();
    try {
      OutputStream out = getOutputStream();
      if (isStarted() && out != null) out.flush();
    } catch (IOException e) {
      addError("flush failed", e);
    } finally {
      streamWriteLock.unlock();
    }
  }
}
