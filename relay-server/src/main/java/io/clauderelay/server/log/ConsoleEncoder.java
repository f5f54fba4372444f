package io.clauderelay.server.log;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The console's encoder: the shared JSON line by default (containers, files, log collectors), or,
 * with {@code readable} on (stdout is a terminal; LogSetup decides), one human-readable line per
 * event in {@code pattern}. One appender either way, so Logback never sees an unused appender.
 */
public class ConsoleEncoder extends SharedLogstashEncoder {
  private boolean readable;
  private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{24} %msg%n";
  private PatternLayoutEncoder text;

  public void setReadable(boolean readable) {
    this.readable = readable;
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public void start() {
    super.start();
    if (readable) {
      text = new PatternLayoutEncoder();
      text.setContext(getContext());
      text.setPattern(pattern);
      text.start();
    }
  }

  @Override
  public void stop() {
    if (text != null) text.stop();
    super.stop();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return text != null ? text.encode(event) : super.encode(event);
  }
}
