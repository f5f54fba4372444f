package io.clauderelay.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class GeminiUsageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cachedContentMovesToCacheReadAndThoughtsCountAsOutput() throws Exception {
    TokenUsage u = GeminiUsage.from(JSON.readTree("""
        {"promptTokenCount":5000,"cachedContentTokenCount":4000,"candidatesTokenCount":120,
         "thoughtsTokenCount":380,"totalTokenCount":5500}"""));
    assertThat(u).isEqualTo(new TokenUsage(1000, 500, 0, 0, 4000));
  }

  @Test
  void toolUsePromptTokensAreInput() throws Exception {
    TokenUsage u = GeminiUsage.from(JSON.readTree(
        "{\"promptTokenCount\":10,\"toolUsePromptTokenCount\":90,\"candidatesTokenCount\":5,\"totalTokenCount\":105}"));
    assertThat(u).isEqualTo(new TokenUsage(100, 5, 0, 0, 0));
  }

  @Test
  void aPromptOnlyChunkHasNoOutput() throws Exception {
    assertThat(GeminiUsage.from(JSON.readTree("{\"promptTokenCount\":7,\"totalTokenCount\":7}")))
        .isEqualTo(new TokenUsage(7, 0, 0, 0, 0));
  }

  @Test
  void missingMetadataIsZero() {
    assertThat(GeminiUsage.from(null)).isEqualTo(TokenUsage.ZERO);
  }
}
