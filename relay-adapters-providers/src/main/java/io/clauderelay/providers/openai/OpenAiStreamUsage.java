package io.clauderelay.providers.openai;

import io.clauderelay.providers.common.StreamUsageReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.common.SseEventParser;

/**
 * Watches an OpenAI SSE stream as it passes through and keeps the usage it reports. Understands
 * both Chat Completions chunks (the final chunk with a {@code usage} object, sent when
 * {@code stream_options.include_usage} is on) and Responses API events ({@code response.completed},
 * {@code response.incomplete}, {@code response.failed} carry {@code response.usage}).
 * Only events that can carry usage, the model or an error are parsed as JSON.
 */
public final class OpenAiStreamUsage implements StreamUsageReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SseEventParser events = new SseEventParser((name, data) -> onData(data));
  private TokenUsage usage = TokenUsage.ZERO;
  private boolean sawUsage;
  private boolean sawFirst;
  private boolean complete;
  private String model;
  private String errorType;
  private String errorMessage;

  public void feed(byte[] chunk) {
    events.feed(chunk);
  }

  public void finish() {
    events.finish();
  }

  private void onData(String data) {
    if (data.equals("[DONE]")) {
      complete = true;
      return;
    }
    // The first event names the model; after that only events mentioning usage or an error matter.
    // Quoted keys cannot match inside JSON string values, where quotes are escaped.
    boolean candidate = !sawFirst || data.contains("\"error\"") || data.contains("\"response.completed\"")
        || data.contains("\"response.incomplete\"") || data.contains("\"response.failed\"")
        || (data.contains("\"usage\"") && !data.contains("\"usage\":null") && !data.contains("\"usage\": null"));
    if (!candidate) return;
    JsonNode event;
    try {
      event = JSON.readTree(data);
    } catch (Exception malformed) {
      return; // the client sees it as is; usage stays what we had
    }
    if (event == null || !event.isObject()) return;
    sawFirst = true;
    String type = event.path("type").asText("");
    if (type.startsWith("response.")) {
      onResponsesEvent(type, event);
    } else if (type.equals("error")) {
      errorType = event.path("code").asText(event.path("type").asText("error"));
      errorMessage = event.path("message").asText("");
    } else {
      onChatChunk(event);
    }
  }

  private void onChatChunk(JsonNode chunk) {
    if (chunk.hasNonNull("model")) model = chunk.get("model").asText();
    JsonNode u = chunk.get("usage");
    if (u != null && u.isObject()) {
      usage = OpenAiUsage.fromChatCompletion(u); // cumulative: the last one wins
      sawUsage = true;
    }
    JsonNode error = chunk.get("error");
    if (error != null && error.isObject()) {
      errorType = error.path("type").asText(error.path("code").asText("api_error"));
      errorMessage = error.path("message").asText("");
    }
  }

  private void onResponsesEvent(String type, JsonNode event) {
    JsonNode response = event.path("response");
    if (response.hasNonNull("model")) model = response.get("model").asText();
    JsonNode u = response.get("usage");
    if (u != null && u.isObject()) {
      usage = OpenAiUsage.fromResponses(u);
      sawUsage = true;
    }
    switch (type) {
      case "response.completed", "response.incomplete" -> complete = true;
      case "response.failed" -> {
        complete = true;
        JsonNode error = response.path("error");
        errorType = error.path("code").asText("api_error");
        errorMessage = error.path("message").asText("");
      }
      default -> {
      }
    }
  }

  public TokenUsage usage() {
    return usage;
  }

  public boolean sawUsage() {
    return sawUsage;
  }

  /** True once {@code [DONE]} or a terminal Responses event arrived. */
  public boolean complete() {
    return complete;
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
