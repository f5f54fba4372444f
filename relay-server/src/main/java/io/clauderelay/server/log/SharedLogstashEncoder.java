package io.clauderelay.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * A LogstashEncoder that encodes a line once for all encoders of its {@code group}: the console and
 * the main file receive the same event one after the other on the same thread, and encoding was
 * half of the log writer thread's time. Encoders of one group must be configured alike.
 */
public class SharedLogstashEncoder extends LogstashEncoder {
  /** The last event this thread encoded, per thread: appenders of one logger call run in turn on it. */
  private static final ThreadLocal<Encoded> LAST = ThreadLocal.withInitial(Encoded::new);

  private String group = "";

  public void setGroup(String group) {
    this.group = group;
  }

  public String getGroup() {
    return group;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Encoded last = LAST.get();
    if (last.event == event && last.group.equals(group)) return last.bytes;
    byte[] bytes = super.encode(event);
    last.event = event;
    last.group = group;
    last.bytes = bytes;
    return bytes;
  }

  private static final class Encoded {
    ILoggingEvent event;
    String group = "";
    byte[] bytes;
  }
}
