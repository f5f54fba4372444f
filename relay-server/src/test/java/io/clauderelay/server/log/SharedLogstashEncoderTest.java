package io.clauderelay.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedLogstashEncoderTest {
  private final LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

  private SharedLogstashEncoder encoder(String group, String service) {
    SharedLogstashEncoder e = new SharedLogstashEncoder();
    e.setContext(context);
    e.setGroup(group);
    e.setCustomFields("{\"service\":\"" + service + "\"}");
    e.start();
    return e;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent("test", context.getLogger("access"), Level.INFO, message, null, null);
  }

  @Test
  void encodersOfOneGroupEncodeAnEventOnce() {
    SharedLogstashEncoder first = encoder("main", "first");
    SharedLogstashEncoder second = encoder("main", "second");
    LoggingEvent event = event("POST /api/v1/messages 200");

    byte[] bytes = first.encode(event);
    // The same array, not an equal one: the second encoder did no work (and so shows the first's fields).
    assertThat(second.encode(event)).isSameAs(bytes);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"service\":\"first\"");
  }

  @Test
  void otherGroupsAndOtherEventsAreEncodedAfresh() {
    SharedLogstashEncoder main = encoder("main", "main");
    SharedLogstashEncoder audit = encoder("audit", "audit");
    LoggingEvent one = event("one");
    LoggingEvent two = event("two");

    main.encode(one);
    assertThat(new String(audit.encode(one), StandardCharsets.UTF_8)).contains("\"service\":\"audit\"");
    assertThat(new String(main.encode(two), StandardCharsets.UTF_8)).contains("\"message\":\"two\"");
  }
}
