package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.translate.ChatToMessages;
import io.clauderelay.providers.translate.MessagesStreamToChatStream;
import io.clauderelay.server.relay.BasicRequest;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** A Chat Completions request for a Claude model, translated to Anthropic Messages once at parse time. */
final class ClaudeChatRequest extends BasicRequest {
  private final ObjectNode messages;
  private final boolean includeUsage;
  private final String sessionField;

  private ClaudeChatRequest(int length, ObjectNode messages, String model, boolean stream, boolean includeUsage,
      String sessionField) {
    super(model, stream, length);
    this.messages = messages;
    this.includeUsage = includeUsage;
    this.sessionField = sessionField;
  }

  static ClaudeChatRequest parse(int length, ObjectNode chat) {
    String model = JsonBody.model(chat);
    boolean stream = JsonBody.stream(chat);
    ObjectNode messages;
    try {
      messages = ChatToMessages.translate(chat);
    } catch (IllegalArgumentException unusable) {
      throw JsonBody.bad(unusable.getMessage());
    }
    return new ClaudeChatRequest(length, messages, model, stream,
        MessagesStreamToChatStream.includeUsageRequested(chat), JsonBody.sessionField(chat));
  }

  /** Whether the client asked for the final usage chunk. */
  boolean includeUsage() {
    return includeUsage;
  }

  @Override
  public Buffer bodyFor(String upstreamModel) {
    if (upstreamModel == null || upstreamModel.equals(model())) return Buffer.buffer(messages.toString());
    ObjectNode copy = messages.objectNode();
    copy.setAll(messages);
    copy.put("model", upstreamModel);
    return Buffer.buffer(copy.toString());
  }

  @Override
  public Optional<String> sessionId(String headerSessionId) {
    return sessionId(messages.path("metadata").path("user_id").asText(null), headerSessionId, sessionField,
        () -> messages.path("system").asText(""), () -> JsonBody.text(firstUserContent()));
  }

  private com.fasterxml.jackson.databind.JsonNode firstUserContent() {
    for (var m : messages.path("messages")) {
      if ("user".equals(m.path("role").asText())) return m.get("content");
    }
    return null;
  }
}
