package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.openai.IncludeUsageRewriter;
import io.clauderelay.server.relay.BasicRequest;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A Chat Completions or Responses request relayed to an OpenAI-compatible upstream. A streamed
 * chat request without {@code stream_options.include_usage} gets it added upstream, so every
 * stream reports its usage; {@link #addedUsage()} tells the tap to hide the extra chunk again.
 */
final class OpenAiRequest extends BasicRequest {
  private final Buffer raw;
  private final ObjectNode upstreamBody;
  private final boolean rewritten;
  private final String system;
  private final String firstUser;
  private final String sessionField;

  private OpenAiRequest(Buffer raw, ObjectNode upstreamBody, boolean rewritten, String model, boolean stream,
      String system, String firstUser, String sessionField) {
    super(model, stream, raw.length());
    this.raw = raw;
    this.upstreamBody = upstreamBody;
    this.rewritten = rewritten;
    this.system = system;
    this.firstUser = firstUser;
    this.sessionField = sessionField;
  }

  static OpenAiRequest chat(Buffer raw, ObjectNode body) {
    String model = JsonBody.model(body);
    boolean stream = JsonBody.stream(body);
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw JsonBody.bad("messages: required, a non-empty array of messages");
    }
    IncludeUsageRewriter.Result r = IncludeUsageRewriter.rewrite(body);
    String[] prefix = JsonBody.chatStablePrefix(messages);
    return new OpenAiRequest(raw, r.body(), r.added(), model, stream, prefix[0], prefix[1],
        JsonBody.sessionField(body));
  }

  static OpenAiRequest responses(Buffer raw, ObjectNode body) {
    String model = JsonBody.model(body);
    boolean stream = JsonBody.stream(body);
    JsonNode input = body.get("input");
    if (input == null || !(input.isTextual() || input.isArray())) {
      throw JsonBody.bad("input: required, a string or an array of input items");
    }
    String firstUser = input.isTextual() ? input.asText() : "";
    if (input.isArray()) {
      for (JsonNode item : input) {
        if ("user".equals(item.path("role").asText())) {
          firstUser = JsonBody.text(item.get("content"));
          break;
        }
      }
    }
    return new OpenAiRequest(raw, body, false, model, stream, body.path("instructions").asText(""), firstUser,
        JsonBody.sessionField(body));
  }

  boolean addedUsage() {
    return rewritten;
  }

  @Override
  public Buffer bodyFor(String upstreamModel) {
    boolean rename = upstreamModel != null && !upstreamModel.equals(model());
    if (!rename && !rewritten) return raw;
    ObjectNode out = upstreamBody;
    if (rename) {
      out = upstreamBody.objectNode();
      out.setAll(upstreamBody);
      out.put("model", upstreamModel);
    }
    return Buffer.buffer(out.toString());
  }

  @Override
  public Optional<String> sessionId(String headerSessionId) {
    return sessionId(null, headerSessionId, sessionField, () -> system, () -> firstUser);
  }
}
