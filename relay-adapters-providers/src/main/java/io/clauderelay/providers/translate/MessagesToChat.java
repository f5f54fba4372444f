package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.anthropic.AnthropicUsage;

/**
 * An Anthropic Messages response as an OpenAI {@code chat.completion}: text blocks joined into
 * {@code content}, {@code tool_use} blocks as {@code tool_calls}, stop reason and usage mapped.
 * Thinking blocks are not shown (Chat Completions has no standard place for them).
 */
public final class MessagesToChat {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MessagesToChat() {}

  public static ObjectNode translate(ObjectNode response, String requestedModel) {
    return translate(response, requestedModel, System.currentTimeMillis() / 1000);
  }

  /** As {@link #translate(ObjectNode, String)} with a fixed {@code created} time (seconds). */
  public static ObjectNode translate(ObjectNode response, String requestedModel, long createdEpochSeconds) {
    StringBuilder text = new StringBuilder();
    boolean sawText = false;
    ArrayNode toolCalls = NODES.arrayNode();
    for (JsonNode block : response.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> {
          text.append(block.path("text").asText(""));
          sawText = true;
        }
        case "tool_use" -> {
          ObjectNode call = toolCalls.addObject().put("id", block.path("id").asText()).put("type", "function");
          JsonNode input = block.get("input");
          call.putObject("function").put("name", block.path("name").asText())
              .put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        }
        default -> {
        } // thinking, redacted_thinking, server tool blocks
      }
    }

    ObjectNode message = NODES.objectNode().put("role", "assistant");
    if (sawText || toolCalls.isEmpty()) message.put("content", text.toString());
    else message.putNull("content"); // OpenAI sends null content beside tool calls
    if (!toolCalls.isEmpty()) message.set("tool_calls", toolCalls);

    ObjectNode out = NODES.objectNode();
    out.put("id", ChatShapes.completionId(response.path("id").asText(null)));
    out.put("object", "chat.completion");
    out.put("created", createdEpochSeconds);
    out.put("model", requestedModel != null ? requestedModel : response.path("model").asText(""));
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    String finish = ChatShapes.finishReason(response.path("stop_reason").asText(null));
    if (finish == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finish);
    out.set("usage", ChatShapes.usage(AnthropicUsage.from(response.get("usage"))));
    return out;
  }
}
