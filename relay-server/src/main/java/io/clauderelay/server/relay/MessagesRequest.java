package io.clauderelay.server.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A validated Anthropic Messages request body and the facts the relay reads from it (model,
 * stream flag, what identifies the conversation). The raw bytes are forwarded unchanged unless
 * the account maps the model to another name.
 */
public final class MessagesRequest extends BasicRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Buffer raw;
  private final ObjectNode body;

  private MessagesRequest(Buffer raw, ObjectNode body, String model, boolean stream) {
    super(model, stream, raw.length());
    this.raw = raw;
    this.body = body;
  }

  /** Parses and validates; a bad body fails with a 400 that names the field. */
  public static MessagesRequest parse(Buffer raw, boolean countTokens) {
    if (raw == null || raw.length() == 0) throw bad("Request body is empty: send a JSON object");
    JsonNode root;
    try {
      root = JSON.readTree(raw.getBytes());
    } catch (JsonProcessingException e) {
      throw bad("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad("Request body could not be read");
    }
    if (root == null || !root.isObject()) throw bad("Request body must be a JSON object");
    ObjectNode body = (ObjectNode) root;
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw bad("model: required, a non-empty string");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) throw bad("messages: required, an array of messages");
    if (messages.isEmpty()) throw bad("messages: must not be empty");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.isObject()) throw bad("messages[" + i + "]: must be an object with role and content");
      JsonNode role = m.get("role");
      if (role == null || !role.isTextual()) throw bad("messages[" + i + "].role: required, a string");
      JsonNode content = m.get("content");
      if (content == null || !(content.isTextual() || content.isArray())) {
        throw bad("messages[" + i + "].content: required, a string or an array of content blocks");
      }
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) throw bad("stream: must be a boolean");
    JsonNode maxTokens = body.get("max_tokens");
    if (!countTokens && maxTokens != null && !maxTokens.isNull() && !(maxTokens.isIntegralNumber() && maxTokens.asLong() > 0)) {
      throw bad("max_tokens: must be a positive integer");
    }
    JsonNode system = body.get("system");
    if (system != null && !system.isNull() && !(system.isTextual() || system.isArray())) {
      throw bad("system: must be a string or an array of text blocks");
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) throw bad("metadata: must be an object");
    return new MessagesRequest(raw, body, model.asText(), stream != null && stream.asBoolean(false));
  }

  private static FailureException bad(String message) {
    return new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST, message));
  }

  /** The body to send upstream: unchanged bytes, or re-serialised with the mapped model name. */
  @Override
  public Buffer bodyFor(String upstreamModel) {
    if (upstreamModel == null || upstreamModel.equals(model())) return raw;
    ObjectNode copy = body.deepCopy();
    copy.put("model", upstreamModel);
    return Buffer.buffer(copy.toString());
  }

  @Override
  public Optional<String> sessionId(String headerSessionId) {
    return sessionId(metadataUserId(), headerSessionId, bodySessionId(), this::systemText, this::firstUserText);
  }

  public String metadataUserId() {
    JsonNode v = body.path("metadata").get("user_id");
    return v != null && v.isTextual() ? v.asText() : null;
  }

  public String bodySessionId() {
    for (String field : new String[] {"session_id", "prompt_cache_key", "conversation_id"}) {
      JsonNode v = body.get(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) return v.asText();
    }
    return null;
  }

  public String systemText() {
    return text(body.get("system"));
  }

  /** Text of the first user message: the stable start of a conversation, never the last. */
  public String firstUserText() {
    for (JsonNode m : body.get("messages")) {
      if ("user".equals(m.path("role").asText())) return text(m.get("content"));
    }
    return "";
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) return "";
    if (node.isTextual()) return node.asText();
    StringBuilder sb = new StringBuilder();
    if (node.isArray()) {
      for (JsonNode part : node) {
        JsonNode t = part.get("text");
        if (t != null && t.isTextual()) {
          if (sb.length() > 0) sb.append('\n');
          sb.append(t.asText());
        }
      }
    }
    return sb.toString();
  }
}
