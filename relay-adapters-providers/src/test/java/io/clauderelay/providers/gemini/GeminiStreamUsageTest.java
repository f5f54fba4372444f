package io.clauderelay.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeminiStreamUsageTest {
  private static final String STREAM = """
      data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":900,"cachedContentTokenCount":512,"candidatesTokenCount":1,"totalTokenCount":901},"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r
      \r
      data: {"candidates":[{"content":{"parts":[{"text":"lo ✓"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":900,"cachedContentTokenCount":512,"candidatesTokenCount":20,"thoughtsTokenCount":100,"totalTokenCount":1020},"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r
      \r
      """;

  private static GeminiStreamUsage feedInPieces(String stream, int piece) {
    GeminiStreamUsage u = new GeminiStreamUsage();
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += piece) {
      u.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece)));
    }
    u.finish();
    return u;
  }

  @Test
  void theLastUsageMetadataWins() {
    for (int piece : new int[]{1, 11, 100_000}) {
      GeminiStreamUsage u = feedInPieces(STREAM, piece);
      assertThat(u.usage()).as("piece %d", piece).isEqualTo(new TokenUsage(388, 120, 0, 0, 512));
      assertThat(u.model()).isEqualTo("gemini-2.5-flash");
      assertThat(u.complete()).isTrue();
      assertThat(u.finishReason()).isEqualTo("STOP");
    }
  }

  @Test
  void aStreamCutAfterTheFirstChunkKeepsThatChunksUsage() {
    GeminiStreamUsage u = feedInPieces(STREAM.substring(0, STREAM.indexOf("data:", 10)), 6);
    assertThat(u.usage()).isEqualTo(new TokenUsage(388, 1, 0, 0, 512));
    assertThat(u.complete()).isFalse();
  }

  @Test
  void anErrorChunkIsReported() {
    GeminiStreamUsage u = feedInPieces(
        "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n", 5);
    assertThat(u.errorStatus()).isEqualTo("UNAVAILABLE");
    assertThat(u.errorMessage()).isEqualTo("The model is overloaded.");
    assertThat(u.sawUsage()).isFalse();
  }
}
