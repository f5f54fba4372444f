package io.clauderelay.server.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gemini API wire format: {@code GenerateContentResponse} (whole and as stream chunks that
 * repeat the running {@code usageMetadata}), {@code countTokens} and the error body. Prompt
 * tokens include the cached ones, as Gemini's do.
 */
public final class GeminiWire {
  private GeminiWire() {}

  static JsonObject usage(FakeUsage u, int candidates) {
    int prompt = u.input() + u.cacheRead();
    JsonObject m = new JsonObject().put("promptTokenCount", prompt);
    if (candidates > 0) m.put("candidatesTokenCount", candidates);
    m.put("totalTokenCount", prompt + candidates);
    if (u.cacheRead() > 0) m.put("cachedContentTokenCount", u.cacheRead());
    m.put("promptTokensDetails",
        new JsonArray().add(new JsonObject().put("modality", "TEXT").put("tokenCount", prompt)));
    return m;
  }

  private static JsonObject candidate(String text, String finishReason) {
    JsonObject c = new JsonObject()
        .put("content", new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", text)))
            .put("role", "model"));
    if (finishReason != null) c.put("finishReason", finishReason);
    return c.put("index", 0);
  }

  public static JsonObject response(String model, Behaviour b, String responseId) {
    return new JsonObject().put("candidates", new JsonArray().add(candidate(b.text(), "STOP")))
        .put("usageMetadata", usage(b.usage(), b.usage().output())).put("modelVersion", model)
        .put("responseId", responseId);
  }

  /** One chunk per text piece; the last carries the finish reason and the final counts. */
  public static List<JsonObject> streamChunks(String model, Behaviour b, String responseId) {
    List<JsonObject> chunks = new ArrayList<>();
    List<String> texts = b.textChunks();
    for (int i = 0; i < texts.size(); i++) {
      boolean last = i == texts.size() - 1;
      int sofar = last ? b.usage().output() : Math.max(1, b.usage().output() * (i + 1) / texts.size() - 1);
      chunks.add(new JsonObject().put("candidates", new JsonArray().add(candidate(texts.get(i), last ? "STOP" : null)))
          .put("usageMetadata", usage(b.usage(), sofar)).put("modelVersion", model).put("responseId", responseId));
    }
    return chunks;
  }

  /** {@code alt=sse}: Google separates events with CRLF pairs. */
  public static List<String> sseFrames(List<JsonObject> chunks) {
    List<String> frames = new ArrayList<>();
    chunks.forEach(c -> frames.add("data: " + c.encode() + "\r\n\r\n"));
    return frames;
  }

  /** Without {@code alt=sse}: one JSON array, written element by element. */
  public static List<String> arrayFrames(List<JsonObject> chunks) {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) frames.add((i == 0 ? "[" : ",\r\n") + chunks.get(i).encode());
    frames.add("]");
    return frames;
  }

  public static JsonObject countTokens(FakeUsage u) {
    int prompt = u.input() + u.cacheRead();
    return new JsonObject().put("totalTokens", prompt)
        .put("promptTokensDetails",
            new JsonArray().add(new JsonObject().put("modality", "TEXT").put("tokenCount", prompt)));
  }

  public static JsonObject error(int status, String message) {
    String grpc = switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "INTERNAL";
    };
    String text = message != null ? message : switch (status) {
      case 403 -> "Method doesn't allow unregistered callers (callers without established identity).";
      case 429 -> "Resource has been exhausted (e.g. check quota).";
      case 503 -> "The model is overloaded. Please try again later.";
      default -> "An internal error has occurred.";
    };
    return new JsonObject().put("error", new JsonObject().put("code", status).put("message", text).put("status", grpc));
  }
}
