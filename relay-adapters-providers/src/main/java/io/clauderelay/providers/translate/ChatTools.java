package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Chat Completions tools, tool_choice and assistant tool_calls in Anthropic terms. */
final class ChatTools {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ChatTools() {}

  /** {@code [{type:function, function:{name, description, parameters}}]} → Anthropic tools. */
  static ArrayNode tools(JsonNode tools) {
    if (!tools.isArray()) throw new IllegalArgumentException("tools: must be an array");
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String where = "tools[" + i + "]";
      if (!"function".equals(tool.path("type").asText("function"))) {
        throw new IllegalArgumentException(where + ".type: only function tools are supported");
      }
      JsonNode fn = tool.path("function");
      if (!fn.path("name").isTextual()) throw new IllegalArgumentException(where + ".function.name: must be a string");
      ObjectNode t = out.addObject().put("name", fn.get("name").asText());
      if (fn.path("description").isTextual()) t.put("description", fn.get("description").asText());
      JsonNode params = fn.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw new IllegalArgumentException(where + ".function.parameters: must be an object");
      }
      // Anthropic requires an object schema; OpenAI allows parameters to be omitted for no-arg tools.
      t.set("input_schema", params != null && params.isObject() ? params : emptySchema());
    }
    return out;
  }

  /**
   * auto/none/required/{function} → auto/none/any/{tool}; {@code parallel_tool_calls: false}
   * becomes {@code disable_parallel_tool_use}. Null when there is nothing to say.
   */
  static ObjectNode toolChoice(JsonNode choice, JsonNode parallel) {
    boolean noParallel = parallel != null && parallel.isBoolean() && !parallel.asBoolean();
    ObjectNode out = NODES.objectNode();
    if (choice == null || choice.isNull()) {
      if (!noParallel) return null;
      out.put("type", "auto");
    } else if (choice.isTextual()) {
      switch (choice.asText()) {
        case "auto" -> out.put("type", "auto");
        case "none" -> out.put("type", "none");
        case "required" -> out.put("type", "any");
        default -> throw new IllegalArgumentException("tool_choice: must be auto, none, required or a function");
      }
    } else if (choice.isObject() && choice.path("function").path("name").isTextual()) {
      out.put("type", "tool").put("name", choice.get("function").get("name").asText());
    } else {
      throw new IllegalArgumentException(
          "tool_choice: must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
    }
    if (noParallel && !"none".equals(out.get("type").asText())) out.put("disable_parallel_tool_use", true);
    return out;
  }

  /** One assistant {@code tool_calls[i]} as a {@code tool_use} block. */
  static ObjectNode toolUse(JsonNode call, String where) {
    if (!call.path("id").isTextual()) throw new IllegalArgumentException(where + ".id: must be a string");
    JsonNode fn = call.path("function");
    if (!fn.path("name").isTextual()) throw new IllegalArgumentException(where + ".function.name: must be a string");
    ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", call.get("id").asText())
        .put("name", fn.get("name").asText());
    block.set("input", arguments(fn.get("arguments")));
    return block;
  }

  /**
   * The arguments JSON string as an object. Empty, invalid or non-object arguments (a call the
   * model cut short and the client now replays) become {@code {}}: Anthropic only accepts an
   * object, and refusing the request would make the whole conversation unanswerable; the
   * tool_result that follows usually carries the tool's complaint anyway.
   */
  static ObjectNode arguments(JsonNode arguments) {
    if (arguments != null && arguments.isObject()) return (ObjectNode) arguments;
    if (arguments == null || !arguments.isTextual() || arguments.asText().isBlank()) return NODES.objectNode();
    try {
      JsonNode parsed = JSON.readTree(arguments.asText());
      return parsed != null && parsed.isObject() ? (ObjectNode) parsed : NODES.objectNode();
    } catch (Exception invalid) {
      return NODES.objectNode();
    }
  }

  private static ObjectNode emptySchema() {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    schema.putObject("properties");
    return schema;
  }
}
