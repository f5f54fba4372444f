package io.clauderelay.server.log;

import ch.qos.logback.core.rolling.RollingFileAppender;

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
    BatchFlushed.flush(this, streamWriteLock);
  }
}
