package io.clauderelay.server.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The Anthropic Messages API wire format as the real upstream writes it: the JSON message, the SSE
 * event sequence, the error body and the status-to-error-type mapping.
 */
public final class AnthropicWire {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private AnthropicWire() {}

  /** One SSE event: its {@code event:} name and its {@code data:} JSON. */
  public record SseEvent(String type, JsonObject data) {
    /** The bytes on the wire: {@code event: <type>\ndata: <json>\n\n}. */
    public byte[] bytes() {
      return ("event: " + type + "\ndata: " + data.encode() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A random id in the real style, e.g. {@code msg_01AbC...} or {@code req_01...}. */
  public static String newId(String prefix) {
    StringBuilder sb = new StringBuilder(prefix).append("_01");
    for (int i = 0; i < 22; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** The usage object; {@code outputTokens} differs between message_start (1) and the JSON answer. */
  static JsonObject usage(FakeUsage u, int outputTokens) {
    return new JsonObject()
        .put("input_tokens", u.input())
        .put("cache_creation_input_tokens", u.cacheCreation())
        .put("cache_read_input_tokens", u.cacheRead())
        .put("cache_creation", new JsonObject()
            .put("ephemeral_5m_input_tokens", u.cacheWrite5m())
            .put("ephemeral_1h_input_tokens", u.cacheWrite1h()))
        .put("output_tokens", outputTokens)
        .put("service_tier", "standard");
  }

  /** The non-streaming answer to {@code POST /v1/messages}. */
  public static JsonObject message(String id, String model, Behaviour b) {
    return new JsonObject()
        .put("id", id)
        .put("type", "message")
        .put("role", "assistant")
        .put("model", model)
        .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", b.text())))
        .put("stop_reason", "end_turn")
        .put("stop_sequence", null)
        .put("usage", usage(b.usage(), b.usage().output()));
  }

  /**
   * The complete event sequence of a successful stream: message_start, content_block_start, ping,
   * one content_block_delta per text chunk, content_block_stop, message_delta, message_stop.
   */
  public static List<SseEvent> streamEvents(String id, String model, Behaviour b) {
    List<SseEvent> events = new ArrayList<>();
    events.add(new SseEvent("message_start", new JsonObject()
        .put("type", "message_start")
        .put("message", new JsonObject()
            .put("id", id)
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model)
            .put("content", new JsonArray())
            .put("stop_reason", null)
            .put("stop_sequence", null)
            .put("usage", usage(b.usage(), 1)))));
    events.add(new SseEvent("content_block_start", new JsonObject()
        .put("type", "content_block_start")
        .put("index", 0)
        .put("content_block", new JsonObject().put("type", "text").put("text", ""))));
    events.add(new SseEvent("ping", new JsonObject().put("type", "ping")));
    for (String chunk : b.textChunks()) {
      events.add(new SseEvent("content_block_delta", new JsonObject()
          .put("type", "content_block_delta")
          .put("index", 0)
          .put("delta", new JsonObject().put("type", "text_delta").put("text", chunk))));
    }
    events.add(new SseEvent("content_block_stop",
        new JsonObject().put("type", "content_block_stop").put("index", 0)));
    events.add(new SseEvent("message_delta", new JsonObject()
        .put("type", "message_delta")
        .put("delta", new JsonObject().put("stop_reason", "end_turn").put("stop_sequence", null))
        .put("usage", new JsonObject().put("output_tokens", b.usage().output()))));
    events.add(new SseEvent("message_stop", new JsonObject().put("type", "message_stop")));
    return events;
  }

  /**
   * Whether the fake answers with a tool call, as a model would: the request offers tools and its
   * last message is not a tool result being handed back.
   */
  public static boolean wantsToolCall(JsonObject request) {
    JsonArray tools = request.getJsonArray("tools");
    JsonArray messages = request.getJsonArray("messages");
    if (tools == null || tools.isEmpty() || messages == null || messages.isEmpty()) return false;
    Object content = messages.getJsonObject(messages.size() - 1).getValue("content");
    return !(content instanceof JsonArray blocks && blocks.stream()
        .anyMatch(b -> b instanceof JsonObject o && "tool_result".equals(o.getString("type"))));
  }

  /** The first offered tool called with a string for each of its schema's properties. */
  public static JsonObject toolUseBlock(JsonObject request) {
    JsonObject tool = request.getJsonArray("tools").getJsonObject(0);
    JsonObject input = new JsonObject();
    JsonObject props = tool.getJsonObject("input_schema", new JsonObject()).getJsonObject("properties",
        new JsonObject());
    props.fieldNames().forEach(name -> input.put(name, "fake-" + name));
    return new JsonObject().put("type", "tool_use").put("id", newId("toolu")).put("name", tool.getString("name"))
        .put("input", input);
  }

  /** The JSON answer with a tool call instead of text. */
  public static JsonObject toolUseMessage(String id, String model, JsonObject request, Behaviour b) {
    return message(id, model, b).put("content", new JsonArray().add(toolUseBlock(request))).put("stop_reason",
        "tool_use");
  }

  /** A stream whose content is one tool_use block, its input sent as two partial JSON fragments. */
  public static List<SseEvent> toolUseStreamEvents(String id, String model, JsonObject request, Behaviour b) {
    List<SseEvent> text = streamEvents(id, model, b);
    JsonObject block = toolUseBlock(request);
    String json = block.getJsonObject("input").encode();
    int half = json.length() / 2;
    List<SseEvent> events = new ArrayList<>();
    events.add(text.get(0));
    events.add(new SseEvent("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0)
        .put("content_block", block.copy().put("input", new JsonObject()))));
    for (String part : new String[]{json.substring(0, half), json.substring(half)}) {
      events.add(new SseEvent("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
          .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", part))));
    }
    events.add(new SseEvent("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
    events.add(new SseEvent("message_delta", new JsonObject().put("type", "message_delta")
        .put("delta", new JsonObject().put("stop_reason", "tool_use").put("stop_sequence", null))
        .put("usage", new JsonObject().put("output_tokens", b.usage().output()))));
    events.add(new SseEvent("message_stop", new JsonObject().put("type", "message_stop")));
    return events;
  }

  /** The in-stream error event the real API sends inside an HTTP 200 stream. */
  public static SseEvent errorEvent(String type, String message) {
    return new SseEvent("error", errorBody(type, message, null));
  }

  /** {@code {"type":"error","error":{"type":..,"message":..},"request_id":..}}. */
  public static JsonObject errorBody(String type, String message, String requestId) {
    JsonObject body = new JsonObject()
        .put("type", "error")
        .put("error", new JsonObject().put("type", type).put("message", message));
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    return body;
  }

  /** The error type the real API uses for a status. */
  public static String errorTypeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** A plausible message for an error type. */
  public static String defaultMessageFor(String type) {
    return switch (type) {
      case "authentication_error" -> "invalid x-api-key";
      case "permission_error" -> "Your API key does not have permission to use the specified resource.";
      case "rate_limit_error" -> "Number of request tokens has exceeded your per-minute rate limit";
      case "overloaded_error" -> "Overloaded";
      case "api_error" -> "Internal server error";
      case "not_found_error" -> "Not found";
      case "timeout_error" -> "Request timed out";
      default -> "Invalid request";
    };
  }
}
