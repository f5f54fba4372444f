package io.clauderelay.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class OpenAiUsageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void chatCompletionCachedPromptTokensMoveFromInputToCacheRead() throws Exception {
    TokenUsage u = OpenAiUsage.fromChatCompletion(json("""
        {"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
         "prompt_tokens_details":{"cached_tokens":1024},
         "completion_tokens_details":{"reasoning_tokens":200}}"""));
    assertThat(u).isEqualTo(new TokenUsage(176, 300, 0, 0, 1024));
  }

  @Test
  void chatCompletionWithoutDetailsIsAllInput() throws Exception {
    assertThat(OpenAiUsage.fromChatCompletion(json("{\"prompt_tokens\":10,\"completion_tokens\":2}")))
        .isEqualTo(new TokenUsage(10, 2, 0, 0, 0));
  }

  @Test
  void responsesUsageUsesInputAndOutputTokenNames() throws Exception {
    TokenUsage u = OpenAiUsage.fromResponses(json("""
        {"input_tokens":5000,"input_tokens_details":{"cached_tokens":4096},
         "output_tokens":77,"output_tokens_details":{"reasoning_tokens":64},"total_tokens":5077}"""));
    assertThat(u).isEqualTo(new TokenUsage(904, 77, 0, 0, 4096));
  }

  @Test
  void cachedAbovePromptNeverMakesInputNegative() throws Exception {
    assertThat(OpenAiUsage.fromChatCompletion(json(
        "{\"prompt_tokens\":10,\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":50}}")))
        .isEqualTo(new TokenUsage(0, 1, 0, 0, 10));
  }

  @Test
  void missingOrNullUsageIsZero() throws Exception {
    assertThat(OpenAiUsage.fromChatCompletion(null)).isEqualTo(TokenUsage.ZERO);
    assertThat(OpenAiUsage.fromResponses(json("null"))).isEqualTo(TokenUsage.ZERO);
  }
}
