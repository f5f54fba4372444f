package io.clauderelay.server.log;

/**
 * An appender that buffers its lines and is flushed by {@link LogWriterThread} after each batch,
 * so a burst of access lines costs a few write calls instead of one per line per appender.
 */
interface BatchFlushed {
  /** Writes out what the appender holds; never throws. */
  void flushBatch();
}
