package io.clauderelay.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OpenAiStreamUsageTest {
  static final String CHAT_STREAM = """
      data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

      data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"the \\"usage\\":{ word"},"finish_reason":null}],"usage":null}

      data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

      data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":2000,"completion_tokens":12,"total_tokens":2012,"prompt_tokens_details":{"cached_tokens":1536}}}

      data: [DONE]

      """;

  static final String RESPONSES_STREAM = """
      event: response.created
      data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","model":"gpt-5-2025-08-07","error":null,"usage":null}}

      event: response.output_text.delta
      data: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}

      event: response.completed
      data: {"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"completed","model":"gpt-5-2025-08-07","error":null,"usage":{"input_tokens":300,"input_tokens_details":{"cached_tokens":256},"output_tokens":40,"output_tokens_details":{"reasoning_tokens":30},"total_tokens":340}}}

      """;

  private static OpenAiStreamUsage feedInPieces(String stream, int piece) {
    OpenAiStreamUsage u = new OpenAiStreamUsage();
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += piece) {
      u.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece)));
    }
    u.finish();
    return u;
  }

  @Test
  void chatStreamUsageComesFromTheFinalUsageChunk() {
    for (int piece : new int[]{1, 7, 64, 100_000}) {
      OpenAiStreamUsage u = feedInPieces(CHAT_STREAM, piece);
      assertThat(u.usage()).as("piece %d", piece).isEqualTo(new TokenUsage(464, 12, 0, 0, 1536));
      assertThat(u.sawUsage()).isTrue();
      assertThat(u.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(u.complete()).isTrue();
    }
  }

  @Test
  void chatStreamWithoutUsageChunkReportsNoUsageButKnowsTheModel() {
    String noUsage = CHAT_STREAM.replaceAll("(?m)^data: .*\"choices\":\\[\\],.*\\n\\n", "");
    OpenAiStreamUsage u = feedInPieces(noUsage, 5);
    assertThat(u.sawUsage()).isFalse();
    assertThat(u.usage()).isEqualTo(TokenUsage.ZERO);
    assertThat(u.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(u.complete()).isTrue();
  }

  @Test
  void responsesStreamUsageComesFromResponseCompleted() {
    for (int piece : new int[]{1, 13, 100_000}) {
      OpenAiStreamUsage u = feedInPieces(RESPONSES_STREAM, piece);
      assertThat(u.usage()).isEqualTo(new TokenUsage(44, 40, 0, 0, 256));
      assertThat(u.model()).isEqualTo("gpt-5-2025-08-07");
      assertThat(u.complete()).isTrue();
    }
  }

  @Test
  void aResponsesStreamCutBeforeCompletedIsIncompleteWithoutUsage() {
    OpenAiStreamUsage u = feedInPieces(
        RESPONSES_STREAM.substring(0, RESPONSES_STREAM.indexOf("event: response.completed")), 9);
    assertThat(u.sawUsage()).isFalse();
    assertThat(u.complete()).isFalse();
    assertThat(u.model()).isEqualTo("gpt-5-2025-08-07");
  }

  @Test
  void responseFailedReportsItsError() {
    OpenAiStreamUsage u = feedInPieces(
        """
            data: {"type":"response.failed","response":{"model":"gpt-5","status":"failed","error":{"code":"server_error","message":"boom"},"usage":null}}

            """,
        4);
    assertThat(u.errorType()).isEqualTo("server_error");
    assertThat(u.errorMessage()).isEqualTo("boom");
    assertThat(u.complete()).isTrue();
  }

  @Test
  void aChatErrorChunkIsReported() {
    OpenAiStreamUsage u = feedInPieces("""
        data: {"id":"c","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"x"}}]}

        data: {"error":{"message":"The server had an error","type":"server_error"}}

        """, 3);
    assertThat(u.errorType()).isEqualTo("server_error");
    assertThat(u.errorMessage()).isEqualTo("The server had an error");
    assertThat(u.complete()).isFalse();
  }
}
