package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request. System and developer
 * messages become {@code system}; tool messages become user {@code tool_result} blocks; messages
 * of the same role in a row are merged because Anthropic requires user/assistant alternation.
 * Fields without an Anthropic meaning (seed, penalties, logprobs, response_format...) are dropped.
 * An unusable request throws {@link IllegalArgumentException} whose message starts with the
 * JSON path of the offending field. The input is not changed, but the result shares subtrees
 * with it (tool schemas, cache_control objects), so callers should not mutate either afterwards.
 * {@code temperature} passes unchanged: OpenAI allows up to 2, Anthropic up to 1, and the
 * upstream's own 400 explains that better than a silent clamp would.
 */
public final class ChatToMessages {
  /** Used when the client sets neither max_completion_tokens nor max_tokens (Anthropic requires one). */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ChatToMessages() {}

  public static ObjectNode translate(ObjectNode chat) {
    JsonNode model = chat.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw new IllegalArgumentException("model: must be a non-empty string");
    }
    JsonNode messages = chat.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages: must be a non-empty array");
    }
    JsonNode n = chat.get("n");
    if (n != null && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
      throw new IllegalArgumentException("n: only 1 choice is supported");
    }

    StringBuilder system = new StringBuilder();
    ArrayNode turns = NODES.arrayNode();
    for (int i = 0; i < messages.size(); i++) {
      translateMessage(messages.get(i), "messages[" + i + "]", system, turns);
    }
    if (turns.isEmpty()) throw new IllegalArgumentException("messages: must contain a user, assistant or tool message");
    turns.forEach(ChatToMessages::toolResultsFirst);

    ObjectNode out = NODES.objectNode();
    out.put("model", model.asText());
    out.put("max_tokens", maxTokens(chat));
    if (system.length() > 0) out.put("system", system.toString());
    out.set("messages", turns);
    copyNumber(chat, "temperature", out);
    copyNumber(chat, "top_p", out);
    ArrayNode stops = stopSequences(chat.get("stop"));
    if (stops != null) out.set("stop_sequences", stops);
    JsonNode tools = chat.get("tools");
    if (tools != null && !tools.isNull() && !(tools.isArray() && tools.isEmpty())) {
      out.set("tools", ChatTools.tools(tools));
      // Anthropic refuses tool_choice without tools, so it is only translated alongside them.
      ObjectNode choice = ChatTools.toolChoice(chat.get("tool_choice"), chat.get("parallel_tool_calls"));
      if (choice != null) out.set("tool_choice", choice);
    }
    JsonNode stream = chat.get("stream");
    if (stream != null && !stream.isNull()) {
      if (!stream.isBoolean()) throw new IllegalArgumentException("stream: must be a boolean");
      out.put("stream", stream.asBoolean());
    }
    JsonNode user = chat.get("user");
    if (user != null && user.isTextual() && !user.asText().isEmpty())
      out.putObject("metadata").put("user_id", user.asText());
    return out;
  }

  private static void translateMessage(JsonNode message, String where, StringBuilder system, ArrayNode turns) {
    if (message == null || !message.isObject()) throw new IllegalArgumentException(where + ": must be an object");
    JsonNode roleNode = message.get("role");
    if (roleNode == null || !roleNode.isTextual())
      throw new IllegalArgumentException(where + ".role: must be a string");
    String role = roleNode.asText();
    switch (role) {
      case "system", "developer" -> {
        String text = ChatContent.text(message.get("content"), where + ".content");
        if (!text.isEmpty()) {
          if (system.length() > 0) system.append("\n\n");
          system.append(text);
        }
      }
      case "user" -> {
        ArrayNode blocks = NODES.arrayNode();
        ChatContent.appendBlocks(message.get("content"), where + ".content", blocks);
        append(turns, "user", blocks);
      }
      case "assistant" -> {
        ArrayNode blocks = NODES.arrayNode();
        ChatContent.appendBlocks(message.get("content"), where + ".content", blocks);
        JsonNode calls = message.get("tool_calls");
        if (calls != null && !calls.isNull()) {
          if (!calls.isArray()) throw new IllegalArgumentException(where + ".tool_calls: must be an array");
          for (int j = 0; j < calls.size(); j++) {
            blocks.add(ChatTools.toolUse(calls.get(j), where + ".tool_calls[" + j + "]"));
          }
        }
        append(turns, "assistant", blocks);
      }
      case "tool" -> {
        JsonNode id = message.get("tool_call_id");
        if (id == null || !id.isTextual())
          throw new IllegalArgumentException(where + ".tool_call_id: must be a string");
        ObjectNode result = NODES.objectNode().put("type", "tool_result").put("tool_use_id", id.asText());
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
          if (!content.asText().isEmpty()) result.put("content", content.asText());
        } else {
          ArrayNode blocks = NODES.arrayNode();
          ChatContent.appendBlocks(content, where + ".content", blocks);
          if (!blocks.isEmpty()) result.set("content", blocks);
        }
        append(turns, "user", NODES.arrayNode().add(result));
      }
      default -> throw new IllegalArgumentException(where + ".role: unsupported role '" + role + "'");
    }
  }

  /** Adds blocks as a turn of {@code role}, merging into the previous turn when it has the same role. */
  private static void append(ArrayNode turns, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) return; // Anthropic rejects empty content; an empty message says nothing anyway
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && role.equals(last.get("role").asText())) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject().put("role", role);
    turn.set("content", blocks);
  }

  /** Anthropic wants a user turn's tool_result blocks before any other block. */
  private static void toolResultsFirst(JsonNode turn) {
    if (!"user".equals(turn.get("role").asText())) return;
    ArrayNode content = (ArrayNode) turn.get("content");
    ArrayNode results = NODES.arrayNode();
    ArrayNode others = NODES.arrayNode();
    content.forEach(b -> ("tool_result".equals(b.path("type").asText()) ? results : others).add(b));
    content.removeAll();
    content.addAll(results).addAll(others);
  }

  private static int maxTokens(JsonNode chat) {
    for (String field : new String[]{"max_completion_tokens", "max_tokens"}) {
      JsonNode v = chat.get(field);
      if (v == null || v.isNull()) continue;
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        throw new IllegalArgumentException(field + ": must be a positive integer");
      }
      return v.asInt();
    }
    return DEFAULT_MAX_TOKENS;
  }

  private static void copyNumber(JsonNode chat, String field, ObjectNode out) {
    JsonNode v = chat.get(field);
    if (v == null || v.isNull()) return;
    if (!v.isNumber()) throw new IllegalArgumentException(field + ": must be a number");
    out.set(field, v);
  }

  private static ArrayNode stopSequences(JsonNode stop) {
    if (stop == null || stop.isNull()) return null;
    ArrayNode out = NODES.arrayNode();
    if (stop.isTextual()) {
      if (!stop.asText().isEmpty()) out.add(stop.asText());
    } else if (stop.isArray()) {
      for (int i = 0; i < stop.size(); i++) {
        if (!stop.get(i).isTextual()) throw new IllegalArgumentException("stop[" + i + "]: must be a string");
        if (!stop.get(i).asText().isEmpty()) out.add(stop.get(i).asText());
      }
    } else {
      throw new IllegalArgumentException("stop: must be a string or an array of strings");
    }
    return out.isEmpty() ? null : out;
  }
}
