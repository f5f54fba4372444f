package io.clauderelay.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.usage.TokenUsage;

/**
 * Reads OpenAI usage objects into {@link TokenUsage}. OpenAI's prompt/input count includes the
 * cached tokens, ours excludes them, so the cached part is moved from input to cache read.
 * Reasoning tokens are already inside the completion/output count and are not added again.
 */
public final class OpenAiUsage {
  private OpenAiUsage() {}

  /** Chat Completions: {@code prompt_tokens}, {@code completion_tokens}, {@code prompt_tokens_details.cached_tokens}. */
  public static TokenUsage fromChatCompletion(JsonNode usage) {
    if (usage == null || !usage.isObject()) return TokenUsage.ZERO;
    return split(usage.path("prompt_tokens").asLong(0),
        usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0));
  }

  /** Responses API: {@code input_tokens}, {@code output_tokens}, {@code input_tokens_details.cached_tokens}. */
  public static TokenUsage fromResponses(JsonNode usage) {
    if (usage == null || !usage.isObject()) return TokenUsage.ZERO;
    return split(usage.path("input_tokens").asLong(0),
        usage.path("input_tokens_details").path("cached_tokens").asLong(0),
        usage.path("output_tokens").asLong(0));
  }

  private static TokenUsage split(long promptIncludingCached, long cached, long output) {
    long prompt = Math.max(0, promptIncludingCached);
    // A cached count above the prompt count is an upstream bug; never let input go negative.
    long cacheRead = Math.min(Math.max(0, cached), prompt);
    return new TokenUsage(prompt - cacheRead, Math.max(0, output), 0, 0, cacheRead);
  }
}
