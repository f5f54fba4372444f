package io.clauderelay.server.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI wire format as the real API writes it: Chat Completions (object and chunks, the
 * usage-only final chunk), Responses (object and its event sequence) and the error body. Token
 * counts come from a {@link FakeUsage}: prompt/input tokens include the cached ones, as OpenAI's do.
 */
public final class OpenAiWire {
  private static final long CREATED = 1_764_000_000L;

  private OpenAiWire() {}

  static JsonObject chatUsage(FakeUsage u) {
    int prompt = u.input() + u.cacheRead();
    return new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", u.output())
        .put("total_tokens", prompt + u.output())
        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", u.cacheRead()).put("audio_tokens", 0))
        .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", 0).put("audio_tokens", 0)
            .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0));
  }

  public static JsonObject chatCompletion(String id, String model, Behaviour b) {
    return new JsonObject().put("id", id).put("object", "chat.completion").put("created", CREATED).put("model", model)
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
            .put("message", new JsonObject().put("role", "assistant").put("content", b.text()).putNull("refusal")
                .put("annotations", new JsonArray()))
            .putNull("logprobs").put("finish_reason", "stop")))
        .put("usage", chatUsage(b.usage())).put("service_tier", "default").put("system_fingerprint", "fp_fake0001");
  }

  private static JsonObject chunk(String id, String model, JsonArray choices, boolean includeUsage) {
    JsonObject c = new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", CREATED)
        .put("model", model).put("service_tier", "default").put("system_fingerprint", "fp_fake0001")
        .put("choices", choices);
    if (includeUsage) c.putNull("usage");
    return c;
  }

  private static JsonArray delta(JsonObject delta, String finishReason) {
    return new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).putNull("logprobs")
        .put("finish_reason", finishReason));
  }

  /** {@code data:} frames of a chat stream; the usage-only chunk only when {@code includeUsage}. */
  public static List<String> chatStream(String id, String model, Behaviour b, boolean includeUsage) {
    List<String> frames = new ArrayList<>();
    frames.add(data(chunk(id, model,
        delta(new JsonObject().put("role", "assistant").put("content", "").putNull("refusal"), null), includeUsage)));
    for (String text : b.textChunks()) {
      frames.add(data(chunk(id, model, delta(new JsonObject().put("content", text), null), includeUsage)));
    }
    frames.add(data(chunk(id, model, delta(new JsonObject(), "stop"), includeUsage)));
    if (includeUsage) {
      frames.add(data(chunk(id, model, new JsonArray(), false).put("usage", chatUsage(b.usage()))));
    }
    frames.add("data: [DONE]\n\n");
    return frames;
  }

  static JsonObject responsesUsage(FakeUsage u) {
    int input = u.input() + u.cacheRead();
    return new JsonObject().put("input_tokens", input)
        .put("input_tokens_details", new JsonObject().put("cached_tokens", u.cacheRead()))
        .put("output_tokens", u.output()).put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
        .put("total_tokens", input + u.output());
  }

  private static JsonObject outputText(String text) {
    return new JsonObject().put("type", "output_text").put("text", text).put("annotations", new JsonArray())
        .put("logprobs", new JsonArray());
  }

  private static JsonObject messageItem(String itemId, String status, JsonArray content) {
    return new JsonObject().put("id", itemId).put("type", "message").put("status", status).put("role", "assistant")
        .put("content", content);
  }

  public static JsonObject response(String id, String itemId, String model, Behaviour b, String status) {
    boolean done = status.equals("completed");
    JsonObject r = new JsonObject().put("id", id).put("object", "response").put("created_at", CREATED)
        .put("status", status).putNull("error").putNull("incomplete_details").putNull("instructions")
        .putNull("max_output_tokens").put("model", model)
        .put("output", done
            ? new JsonArray().add(messageItem(itemId, "completed",
                new JsonArray().add(outputText(b.text()))))
            : new JsonArray())
        .put("parallel_tool_calls", true).putNull("previous_response_id").put("store", true).put("temperature", 1.0)
        .put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
        .put("tool_choice", "auto").put("tools", new JsonArray()).put("top_p", 1.0).put("truncation", "disabled")
        .put("metadata", new JsonObject());
    if (done) r.put("usage", responsesUsage(b.usage()));
    else r.putNull("usage");
    return r;
  }

  /** The event sequence of a Responses stream, ending with {@code response.completed}. */
  public static List<String> responsesStream(String id, String model, Behaviour b) {
    String itemId = "msg_" + id.substring(5);
    List<JsonObject> events = new ArrayList<>();
    events.add(new JsonObject().put("type", "response.created").put("response",
        response(id, itemId, model, b, "in_progress")));
    events.add(new JsonObject().put("type", "response.in_progress").put("response",
        response(id, itemId, model, b, "in_progress")));
    events.add(new JsonObject().put("type", "response.output_item.added").put("output_index", 0)
        .put("item", messageItem(itemId, "in_progress", new JsonArray())));
    events.add(new JsonObject().put("type", "response.content_part.added").put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).put("part", outputText("")));
    for (String text : b.textChunks()) {
      events
          .add(new JsonObject().put("type", "response.output_text.delta").put("item_id", itemId).put("output_index", 0)
              .put("content_index", 0).put("delta", text).put("logprobs", new JsonArray()));
    }
    events.add(new JsonObject().put("type", "response.output_text.done").put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).put("text", b.text()).put("logprobs", new JsonArray()));
    events.add(new JsonObject().put("type", "response.content_part.done").put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).put("part", outputText(b.text())));
    events.add(new JsonObject().put("type", "response.output_item.done").put("output_index", 0)
        .put("item", messageItem(itemId, "completed", new JsonArray().add(outputText(b.text())))));
    events.add(new JsonObject().put("type", "response.completed").put("response",
        response(id, itemId, model, b, "completed")));
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.get(i).put("sequence_number", i);
      frames.add("event: " + e.getString("type") + "\ndata: " + e.encode() + "\n\n");
    }
    return frames;
  }

  public static JsonObject error(int status, String message) {
    String type = switch (status) {
      case 401, 400, 404 -> "invalid_request_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
    String code = switch (status) {
      case 401 -> "invalid_api_key";
      case 429 -> "rate_limit_exceeded";
      default -> null;
    };
    String text = message != null ? message : switch (status) {
      case 401 ->
        "Incorrect API key provided: sk-fak*****. You can find your API key at https://platform.openai.com/account/api-keys.";
      case 429 -> "Rate limit reached for requests";
      case 400 -> "Invalid request";
      default -> "The server had an error while processing your request. Sorry about that!";
    };
    return new JsonObject().put("error", new JsonObject().put("message", text).put("type", type).putNull("param")
        .put("code", code));
  }

  static String data(JsonObject json) {
    return "data: " + json.encode() + "\n\n";
  }
}
