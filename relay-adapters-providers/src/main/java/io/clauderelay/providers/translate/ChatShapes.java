package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import java.security.SecureRandom;

/** Pieces shared by the non-streaming and streaming Claude → Chat Completions translations. */
final class ChatShapes {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private ChatShapes() {}

  /** Anthropic stop_reason → OpenAI finish_reason; null stays null (not finished). */
  static String finishReason(String stopReason) {
    if (stopReason == null) return null;
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop"; // end_turn, stop_sequence, pause_turn
    };
  }

  /**
   * OpenAI's usage object: its prompt count includes cached tokens, so cache reads and writes
   * are added back to input, and cache reads are reported as {@code cached_tokens}.
   */
  static ObjectNode usage(TokenUsage u) {
    long prompt = u.promptTokens();
    ObjectNode usage = JsonNodeFactory.instance.objectNode()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", u.output())
        .put("total_tokens", prompt + u.output());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheRead());
    return usage;
  }

  /** {@code chatcmpl-} plus the Anthropic message id's suffix, or a random one when there is none. */
  static String completionId(String messageId) {
    if (messageId != null && !messageId.isEmpty()) {
      return "chatcmpl-" + (messageId.startsWith("msg_") ? messageId.substring(4) : messageId);
    }
    StringBuilder id = new StringBuilder("chatcmpl-");
    for (int i = 0; i < 24; i++) id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    return id.toString();
  }
}
