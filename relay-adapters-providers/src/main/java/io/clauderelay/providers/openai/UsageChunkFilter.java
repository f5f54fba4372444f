package io.clauderelay.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes the usage-only chunk ({@code "choices": []} with a {@code usage} object) from a Chat
 * Completions SSE stream, for requests where the relay turned {@code include_usage} on itself.
 * Every other byte passes unchanged. Bytes are held back only until the end of the event they
 * belong to (a blank line), so chunks may be split anywhere.
 */
public final class UsageChunkFilter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NONE = new byte[0];

  private byte[] event = new byte[1024];
  private int size;
  private int lineStart;

  /** Takes the next upstream bytes and returns what the client should get now (maybe nothing). */
  public byte[] feed(byte[] chunk) {
    ByteArrayOutputStream out = null;
    int from = 0;
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] != '\n') continue;
      append(chunk, from, i + 1 - from);
      from = i + 1;
      if (lastLineIsBlank()) {
        if (out == null) out = new ByteArrayOutputStream(size);
        release(out);
      } else {
        lineStart = size;
      }
    }
    append(chunk, from, chunk.length - from);
    return out == null ? NONE : out.toByteArray();
  }

  /** Returns whatever is still held when the upstream stream ends (an event without a blank line). */
  public byte[] finish() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    release(out);
    return out.toByteArray();
  }

  private void release(ByteArrayOutputStream out) {
    if (!isUsageOnly(new String(event, 0, size, StandardCharsets.UTF_8))) out.write(event, 0, size);
    size = 0;
    lineStart = 0;
  }

  /** The line that just ended (from lineStart to the '\n' at size-1) is empty or only '\r'. */
  private boolean lastLineIsBlank() {
    int length = size - 1 - lineStart;
    return length == 0 || (length == 1 && event[lineStart] == '\r');
  }

  private void append(byte[] bytes, int from, int length) {
    if (length <= 0) return;
    if (size + length > event.length) event = Arrays.copyOf(event, Math.max(event.length * 2, size + length));
    System.arraycopy(bytes, from, event, size, length);
    size += length;
  }

  static boolean isUsageOnly(String rawEvent) {
    if (!rawEvent.contains("\"usage\"")) return false;
    StringBuilder data = new StringBuilder();
    for (String line : rawEvent.split("\r?\n")) {
      if (!line.startsWith("data:")) continue;
      if (data.length() > 0) data.append('\n');
      data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
    }
    if (data.length() == 0) return false;
    try {
      JsonNode chunk = JSON.readTree(data.toString());
      JsonNode choices = chunk == null ? null : chunk.get("choices");
      JsonNode usage = chunk == null ? null : chunk.get("usage");
      return choices != null && choices.isArray() && choices.isEmpty() && usage != null && usage.isObject();
    } catch (Exception notJson) {
      return false;
    }
  }
}
