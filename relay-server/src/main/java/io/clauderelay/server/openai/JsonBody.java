package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.relay.Inbound;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * The request body as a JSON object, parsed once per request: the unified route peeks at the
 * model before the chosen route validates the rest.
 */
public final class JsonBody {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {}

  /** The body object, parsed once per request; a missing or malformed body fails with a 400. */
  public static ObjectNode of(Inbound request) {
    return request.parsed(ObjectNode.class, JsonBody::parse);
  }

  private static ObjectNode parse(Buffer raw) {
    if (raw == null || raw.length() == 0) throw bad("Request body is empty: send a JSON object");
    JsonNode root;
    try {
      root = JSON.readTree(raw.getBytes());
    } catch (java.io.IOException e) {
      throw bad("Request body is not valid JSON");
    }
    if (root == null || !root.isObject()) throw bad("Request body must be a JSON object");
    return (ObjectNode) root;
  }

  /** The body's model without failing, for routing decisions. */
  public static Optional<String> peekModel(Inbound request) {
    try {
      JsonNode model = of(request).get("model");
      return model != null && model.isTextual() ? Optional.of(model.asText()) : Optional.empty();
    } catch (FailureException unreadable) {
      return Optional.empty();
    }
  }

  /** The required non-empty string {@code model}. */
  public static String model(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank())
      throw bad("model: required, a non-empty string");
    return model.asText();
  }

  /** The optional boolean {@code stream}. */
  public static boolean stream(ObjectNode body) {
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) throw bad("stream: must be a boolean");
    return stream != null && stream.asBoolean(false);
  }

  public static FailureException bad(String message) {
    return new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST, message));
  }

  /** The text of a chat message content (string or parts) or a Responses input item. */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    StringBuilder sb = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        JsonNode t = part.get("text");
        if (t != null && t.isTextual()) {
          if (sb.length() > 0) sb.append('\n');
          sb.append(t.asText());
        }
      }
    }
    return sb.toString();
  }

  /** A body field naming the conversation, if the client sent one. */
  static String sessionField(ObjectNode body) {
    for (String field : new String[]{"prompt_cache_key", "session_id", "conversation_id"}) {
      JsonNode v = body.get(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) return v.asText();
    }
    return null;
  }

  /** System/developer text and the first user text of a Chat Completions {@code messages} array. */
  static String[] chatStablePrefix(JsonNode messages) {
    StringBuilder system = new StringBuilder();
    String firstUser = null;
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (role.equals("system") || role.equals("developer")) system.append(text(m.get("content")));
      else if (role.equals("user") && firstUser == null) firstUser = text(m.get("content"));
    }
    return new String[]{system.toString(), firstUser == null ? "" : firstUser};
  }
}
