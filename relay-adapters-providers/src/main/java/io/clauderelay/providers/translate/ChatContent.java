package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Chat Completions message content (a string or an array of parts) as Anthropic content blocks.
 * Empty text is dropped because Anthropic rejects empty text blocks.
 */
final class ChatContent {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ChatContent() {}

  /** Appends the blocks of {@code content} (at JSON path {@code where}) to {@code blocks}. */
  static void appendBlocks(JsonNode content, String where, ArrayNode blocks) {
    if (content == null || content.isNull()) return;
    if (content.isTextual()) {
      addText(blocks, content.asText(), null);
      return;
    }
    if (!content.isArray())
      throw new IllegalArgumentException(where + ": must be a string or an array of content parts");
    for (int j = 0; j < content.size(); j++) {
      appendPart(content.get(j), where + "[" + j + "]", blocks);
    }
  }

  /** The plain text of a system/developer message; only text parts are allowed there. */
  static String text(JsonNode content, String where) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    if (!content.isArray()) throw new IllegalArgumentException(where + ": must be a string or an array of text parts");
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
        throw new IllegalArgumentException(where + "[" + j + "]: only text parts are allowed here");
      }
      if (text.length() > 0) text.append('\n');
      text.append(part.get("text").asText());
    }
    return text.toString();
  }

  private static void appendPart(JsonNode part, String where, ArrayNode blocks) {
    if (part == null || !part.isObject()) throw new IllegalArgumentException(where + ": must be an object");
    String type = part.path("type").asText("");
    JsonNode cacheControl = part.get("cache_control");
    switch (type) {
      case "text" -> {
        if (!part.path("text").isTextual()) throw new IllegalArgumentException(where + ".text: must be a string");
        addText(blocks, part.get("text").asText(), cacheControl);
      }
      case "refusal" -> addText(blocks, part.path("refusal").asText(""), null);
      case "image_url" ->
        blocks.add(withCacheControl(image(part.get("image_url"), where + ".image_url"), cacheControl));
      case "file" -> blocks.add(withCacheControl(file(part.get("file"), where + ".file"), cacheControl));
      default -> throw new IllegalArgumentException(where + ".type: unsupported content part type '" + type + "'");
    }
  }

  private static void addText(ArrayNode blocks, String text, JsonNode cacheControl) {
    if (text.isEmpty()) return;
    ObjectNode block = NODES.objectNode().put("type", "text").put("text", text);
    blocks.add(withCacheControl(block, cacheControl));
  }

  // Some OpenAI-compatible clients (OpenRouter style) mark cache breakpoints on parts; keep them.
  private static ObjectNode withCacheControl(ObjectNode block, JsonNode cacheControl) {
    if (cacheControl != null && cacheControl.isObject()) block.set("cache_control", cacheControl);
    return block;
  }

  private static ObjectNode image(JsonNode imageUrl, String where) {
    // OpenAI documents {"url": ...}; a bare string is accepted by several SDKs too.
    JsonNode url = imageUrl != null && imageUrl.isObject() ? imageUrl.get("url") : imageUrl;
    if (url == null || !url.isTextual()) throw new IllegalArgumentException(where + ".url: must be a string");
    String u = url.asText();
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) return base64Block("image", u, where + ".url");
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      ObjectNode block = NODES.objectNode().put("type", "image");
      block.putObject("source").put("type", "url").put("url", u);
      return block;
    }
    throw new IllegalArgumentException(where + ".url: must be a data: URL or an http(s) URL");
  }

  private static ObjectNode file(JsonNode file, String where) {
    if (file == null || !file.path("file_data").isTextual()) {
      throw new IllegalArgumentException(where + ".file_data: must be a base64 data: URL (file ids are not supported)");
    }
    return base64Block("document", file.get("file_data").asText(), where + ".file_data");
  }

  /** {@code data:<media type>;base64,<data>} as an Anthropic base64 source block. */
  private static ObjectNode base64Block(String blockType, String dataUrl, String where) {
    int comma = dataUrl.indexOf(',');
    String header = comma < 0 ? "" : dataUrl.substring(5, comma);
    if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      throw new IllegalArgumentException(where + ": data URL must be base64 encoded (data:<type>;base64,...)");
    }
    String mediaType = header.substring(0, header.length() - ";base64".length());
    if (mediaType.isEmpty()) throw new IllegalArgumentException(where + ": data URL must name its media type");
    ObjectNode block = NODES.objectNode().put("type", blockType);
    block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data",
        dataUrl.substring(comma + 1));
    return block;
  }
}
