package io.clauderelay.providers.gemini;

import io.clauderelay.providers.common.StreamUsageReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.common.SseEventParser;

/**
 * Watches a Gemini {@code streamGenerateContent?alt=sse} stream and keeps the last
 * {@code usageMetadata} seen (each chunk repeats the running totals, so the last is the final
 * count) and the {@code modelVersion}. The JSON-array form (no {@code alt=sse}) is not read.
 */
public final class GeminiStreamUsage implements StreamUsageReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SseEventParser events = new SseEventParser((name, data) -> onData(data));
  private TokenUsage usage = TokenUsage.ZERO;
  private boolean sawUsage;
  private String model;
  private String finishReason;
  private String errorStatus;
  private String errorMessage;

  public void feed(byte[] chunk) {
    events.feed(chunk);
  }

  public void finish() {
    events.finish();
  }

  private void onData(String data) {
    if (!(data.contains("\"usageMetadata\"") || data.contains("\"modelVersion\"") || data.contains("\"error\"")
        || data.contains("\"finishReason\""))) {
      return;
    }
    JsonNode chunk;
    try {
      chunk = JSON.readTree(data);
    } catch (Exception malformed) {
      return;
    }
    if (chunk == null || !chunk.isObject()) return;
    JsonNode meta = chunk.get("usageMetadata");
    if (meta != null && meta.isObject()) {
      usage = GeminiUsage.from(meta);
      sawUsage = true;
    }
    if (chunk.hasNonNull("modelVersion")) model = chunk.get("modelVersion").asText();
    JsonNode reason = chunk.path("candidates").path(0).get("finishReason");
    if (reason != null && reason.isTextual()) finishReason = reason.asText();
    JsonNode error = chunk.get("error");
    if (error != null && error.isObject()) {
      errorStatus = error.path("status").asText("INTERNAL");
      errorMessage = error.path("message").asText("");
    }
  }

  public TokenUsage usage() {
    return usage;
  }

  public boolean sawUsage() {
    return sawUsage;
  }

  /** True once a candidate reported a finish reason (Gemini streams have no end marker). */
  public boolean complete() {
    return finishReason != null;
  }

  public String model() {
    return model;
  }

  public String finishReason() {
    return finishReason;
  }

  public String errorStatus() {
    return errorStatus;
  }

  public String errorMessage() {
    return errorMessage;
  }
}
