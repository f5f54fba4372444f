package io.clauderelay.providers.anthropic;

import io.clauderelay.providers.common.StreamUsageReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.common.SseLineSplitter;

/**
 * Watches an Anthropic SSE stream as it passes through and keeps the usage it reports:
 * {@code message_start} gives input, cache and model; {@code message_delta} the output so far.
 * Only lines that can carry usage are parsed as JSON, so the hot path stays cheap.
 */
public final class AnthropicStreamUsage implements StreamUsageReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SseLineSplitter lines = new SseLineSplitter(this::onLine);
  private TokenUsage started = TokenUsage.ZERO;
  private long output;
  private String model;
  private boolean sawStart;
  private boolean sawStop;
  private String errorType;
  private String errorMessage;

  public void feed(byte[] chunk) {
    lines.feed(chunk);
  }

  public void finish() {
    lines.finish();
  }

  private void onLine(String line) {
    if (!line.startsWith("data:")) return;
    if (!(line.contains("message_start") || line.contains("message_delta") || line.contains("\"error\"")
        || line.contains("message_stop"))) {
      return;
    }
    JsonNode event;
    try {
      event = JSON.readTree(line.substring(5).trim());
    } catch (Exception malformed) {
      return; // a malformed event is the client's to see; usage stays what we had
    }
    String type = event.path("type").asText("");
    switch (type) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        // Several message_start events (rare) are summed, as the original does.
        started = started.plus(AnthropicUsage.from(message.get("usage")));
        output += message.path("usage").path("output_tokens").asLong(0);
        if (message.hasNonNull("model")) model = message.get("model").asText();
        sawStart = true;
      }
      case "message_delta" -> {
        JsonNode usage = event.path("usage");
        // output_tokens in message_delta is cumulative for the message.
        if (usage.has("output_tokens")) output = usage.get("output_tokens").asLong(output);
        if (usage.has("input_tokens") && !sawStart) {
          started = AnthropicUsage.from(usage);
        }
      }
      case "message_stop" -> sawStop = true;
      case "error" -> {
        errorType = event.path("error").path("type").asText("api_error");
        errorMessage = event.path("error").path("message").asText("");
      }
      default -> {
      }
    }
  }

  /** The usage seen so far (input and cache from message_start, output from the last delta). */
  public TokenUsage usage() {
    return new TokenUsage(started.input(), output, started.cacheWrite5m(), started.cacheWrite1h(), started.cacheRead());
  }

  public boolean sawUsage() {
    return sawStart || output > 0;
  }

  public boolean complete() {
    return sawStop;
  }

  public String model() {
    return model;
  }

  public String errorType() {
    return errorType;
  }

  public String errorMessage() {
    return errorMessage;
  }
}
