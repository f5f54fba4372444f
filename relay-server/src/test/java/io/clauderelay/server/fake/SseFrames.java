package io.clauderelay.server.fake;

import io.clauderelay.server.fake.AnthropicWire.SseEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Parses a complete SSE body (as the fake or the relay sends it) into events, for assertions. */
public final class SseFrames {
  private SseFrames() {}

  /**
   * Splits at blank lines and reads {@code event:} and {@code data:} lines; a frame without
   * {@code event:} gets the type "message". Data lines of one frame are joined with newlines.
   */
  public static List<SseEvent> parse(String body) {
    List<SseEvent> events = new ArrayList<>();
    for (String frame : body.replace("\r\n", "\n").split("\n\n")) {
      if (frame.isBlank()) {
        continue;
      }
      String type = "message";
      StringBuilder data = new StringBuilder();
      for (String line : frame.split("\n")) {
        if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(5).stripLeading());
        }
      }
      events.add(new SseEvent(type, data.length() == 0 ? new JsonObject() : new JsonObject(data.toString())));
    }
    return events;
  }

  /** The event names in order. */
  public static List<String> types(List<SseEvent> events) {
    return events.stream().map(SseEvent::type).toList();
  }
}
