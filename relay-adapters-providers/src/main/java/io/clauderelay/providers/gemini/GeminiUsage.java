package io.clauderelay.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.usage.TokenUsage;

/**
 * Reads Gemini's {@code usageMetadata}. {@code promptTokenCount} includes
 * {@code cachedContentTokenCount}, which moves to cache read; thinking tokens are billed as
 * output, so output = candidates + thoughts. {@code toolUsePromptTokenCount} (tool results fed
 * back to the model, e.g. search grounding) is billed as input and is added to it.
 */
public final class GeminiUsage {
  private GeminiUsage() {}

  public static TokenUsage from(JsonNode usageMetadata) {
    if (usageMetadata == null || !usageMetadata.isObject()) return TokenUsage.ZERO;
    long prompt = Math.max(0, usageMetadata.path("promptTokenCount").asLong(0));
    long cached = Math.min(Math.max(0, usageMetadata.path("cachedContentTokenCount").asLong(0)), prompt);
    long toolPrompt = Math.max(0, usageMetadata.path("toolUsePromptTokenCount").asLong(0));
    long output = Math.max(0, usageMetadata.path("candidatesTokenCount").asLong(0))
        + Math.max(0, usageMetadata.path("thoughtsTokenCount").asLong(0));
    return new TokenUsage(prompt - cached + toolPrompt, output, 0, 0, cached);
  }
}
