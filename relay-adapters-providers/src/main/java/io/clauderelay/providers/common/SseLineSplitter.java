package io.clauderelay.providers.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into text lines for SSE parsing. Lines are cut at the '\n' byte and only
 * then decoded, so chunks split mid-line or mid-UTF-8 character decode correctly.
 */
public final class SseLineSplitter {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
  private final Consumer<String> onLine;

  public SseLineSplitter(Consumer<String> onLine) {
    this.onLine = onLine;
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  public void feed(byte[] bytes, int offset, int length) {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        emit(bytes, start, i);
        start = i + 1;
      }
    }
    if (start < end) pending.write(bytes, start, end - start);
  }

  /** Emits a final line that had no trailing newline. */
  public void finish() {
    if (pending.size() > 0) {
      emit(new byte[0], 0, 0);
    }
  }

  private void emit(byte[] bytes, int from, int to) {
    String line;
    if (pending.size() > 0) {
      pending.write(bytes, from, to - from);
      line = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
    } else {
      line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
    if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
    onLine.accept(line);
  }
}
