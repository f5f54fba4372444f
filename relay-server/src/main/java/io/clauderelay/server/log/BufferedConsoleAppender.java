package io.clauderelay.server.log;

import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import java.io.BufferedOutputStream;

/**
 * Standard output without a write call per line: {@code System.out} flushes on every write, so
 * Logback's ConsoleAppender costs a system call per line. This one collects the lines and hands
 * them to {@code System.out} when {@link LogWriterThread} flushes it after each batch, at most
 * {@link LogWriterThread#PERIOD_MS} ms late. Closing it (a configuration reload) leaves System.out open.
 */
public class BufferedConsoleAppender<E> extends OutputStreamAppender<E> implements BatchFlushed {
  static final int BUFFER_BYTES = 64 * 1024;

  @Override
  public void start() {
    setImmediateFlush(false);
    setOutputStream(new BufferedOutputStream(ConsoleTarget.SystemOut.getStream(), BUFFER_BYTES));
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
