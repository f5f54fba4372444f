package io.clauderelay.server.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.relay.BasicRequest;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A Gemini {@code generateContent}/{@code streamGenerateContent}/{@code countTokens} request. The
 * model comes from the path and travels in the upstream path too, so the body is forwarded unchanged.
 */
final class GeminiRequest extends BasicRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Buffer raw;
  private final ObjectNode body;

  private GeminiRequest(Buffer raw, ObjectNode body, String model, boolean stream) {
    super(model, stream, raw.length());
    this.raw = raw;
    this.body = body;
  }

  static GeminiRequest parse(Buffer raw, String model, boolean stream) {
    if (model == null || model.isBlank()) throw bad("the model is missing from the path (models/{model}:action)");
    if (raw == null || raw.length() == 0) throw bad("Request body is empty: send a JSON object");
    JsonNode root;
    try {
      root = JSON.readTree(raw.getBytes());
    } catch (java.io.IOException e) {
      throw bad("Invalid JSON payload received");
    }
    if (root == null || !root.isObject()) throw bad("Request body must be a JSON object");
    return new GeminiRequest(raw, (ObjectNode) root, model, stream);
  }

  private static FailureException bad(String message) {
    return new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST, message));
  }

  @Override
  public Buffer bodyFor(String upstreamModel) {
    return raw;
  }

  @Override
  public Optional<String> sessionId(String headerSessionId) {
    return sessionId(null, headerSessionId, null, () -> text(body.path("systemInstruction").get("parts")),
        this::firstUserText);
  }

  private String firstUserText() {
    for (JsonNode c : body.path("contents")) {
      if (c.path("role").asText("user").equals("user")) return text(c.get("parts"));
    }
    return "";
  }

  private static String text(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    if (parts != null && parts.isArray()) {
      for (JsonNode p : parts) {
        if (p.path("text").isTextual()) sb.append(p.get("text").asText());
      }
    }
    return sb.toString();
  }
}
