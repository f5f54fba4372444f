package io.clauderelay.providers.common;

/**
 * Groups SSE lines into events at blank-line boundaries (the SSE rule), joining multi-line
 * {@code data:} fields with '\n'. Built on {@link SseLineSplitter}, so chunks may be split
 * anywhere, even inside a UTF-8 character.
 */
public final class SseEventParser {

  /** Receives each complete event; {@code event} is null when the event had no {@code event:} line. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(String event, String data);
  }

  private final SseLineSplitter lines = new SseLineSplitter(this::onLine);
  private final Listener listener;
  private final StringBuilder data = new StringBuilder();
  private String event;
  private boolean hasData;

  public SseEventParser(Listener listener) {
    this.listener = listener;
  }

  public void feed(byte[] bytes) {
    lines.feed(bytes);
  }

  /** Dispatches a last event that was not followed by a blank line (a stream cut short). */
  public void finish() {
    lines.finish();
    dispatch();
  }

  private void onLine(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) return; // comment / keep-alive
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) value = value.substring(1);
    if (field.equals("event")) {
      event = value;
    } else if (field.equals("data")) {
      if (hasData) data.append('\n');
      data.append(value);
      hasData = true;
    }
  }

  private void dispatch() {
    if (hasData) listener.onEvent(event, data.toString());
    data.setLength(0);
    hasData = false;
    event = null;
  }
}
