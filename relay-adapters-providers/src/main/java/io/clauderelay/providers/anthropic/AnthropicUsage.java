package io.clauderelay.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.usage.TokenUsage;

/**
 * Reads Anthropic's usage object. {@code cache_creation_input_tokens} is split into 5-minute and
 * 1-hour writes when the {@code cache_creation} object is present; without it every cache write
 * counts as 5-minute.
 */
public final class AnthropicUsage {
  private AnthropicUsage() {}

  public static TokenUsage from(JsonNode usage) {
    if (usage == null || !usage.isObject()) return TokenUsage.ZERO;
    long input = usage.path("input_tokens").asLong(0);
    long output = usage.path("output_tokens").asLong(0);
    long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
    long cacheWrite = usage.path("cache_creation_input_tokens").asLong(0);
    JsonNode split = usage.get("cache_creation");
    long write5m = cacheWrite;
    long write1h = 0;
    if (split != null && split.isObject()) {
      write5m = split.path("ephemeral_5m_input_tokens").asLong(0);
      write1h = split.path("ephemeral_1h_input_tokens").asLong(0);
    }
    return new TokenUsage(Math.max(0, input), Math.max(0, output), Math.max(0, write5m), Math.max(0, write1h),
        Math.max(0, cacheRead));
  }
}
