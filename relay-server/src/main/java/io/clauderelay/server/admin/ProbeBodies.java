package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.AccountType;
import io.vertx.core.buffer.Buffer;

/** The smallest real request body of each account type's test, and the text read from its answer. */
final class ProbeBodies {
  private ProbeBodies() {}

  static Buffer claudeBody(String model) {
    ObjectNode n = JsonFields.JSON.createObjectNode().put("model", model).put("max_tokens", 1);
    n.putArray("messages").addObject().put("role", "user").put("content", "ping");
    return Buffer.buffer(n.toString());
  }

  static Buffer azureBody() {
    ObjectNode n = JsonFields.JSON.createObjectNode().put("max_tokens", 1);
    n.putArray("messages").addObject().put("role", "user").put("content", "ping");
    return Buffer.buffer(n.toString());
  }

  /** OpenAI refuses {@code max_output_tokens} below 16. */
  static Buffer openAiBody(String model) {
    return Buffer.buffer(JsonFields.JSON.createObjectNode().put("model", model).put("input", "ping")
        .put("max_output_tokens", 16).put("store", false).toString());
  }

  static Buffer geminiBody() {
    ObjectNode n = JsonFields.JSON.createObjectNode();
    n.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", "ping");
    n.putObject("generationConfig").put("maxOutputTokens", 16);
    return Buffer.buffer(n.toString());
  }

  /** The answer's text: Anthropic content blocks, Responses output items, Gemini candidate parts. */
  static String text(AccountType type, JsonNode json) {
    if (json == null) return "";
    StringBuilder out = new StringBuilder();
    switch (type) {
      case CLAUDE_CONSOLE, CLAUDE_OAUTH, VERTEX, BEDROCK ->
        json.path("content").forEach(b -> out.append(b.path("text").asText("")));
      case AZURE_OPENAI -> out.append(json.path("choices").path(0).path("message").path("content").asText(""));
      case OPENAI -> json.path("output").forEach(item -> item.path("content").forEach(c -> {
        if ("output_text".equals(c.path("type").asText())) out.append(c.path("text").asText(""));
      }));
      case GEMINI -> json.path("candidates").path(0).path("content").path("parts")
          .forEach(p -> out.append(p.path("text").asText("")));
    }
    return out.toString();
  }
}
