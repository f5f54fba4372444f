package io.clauderelay.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnthropicStreamUsageTest {
  private static final String STREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":300,"cache_read_input_tokens":40,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200},"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"message_delta in text is not an event"}}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":57}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  @Test
  void readsInputCacheSplitModelAndFinalOutput() {
    AnthropicStreamUsage u = new AnthropicStreamUsage();
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += 7) {
      u.feed(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7)));
    }
    u.finish();
    assertThat(u.usage()).isEqualTo(new TokenUsage(12, 57, 100, 200, 40));
    assertThat(u.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(u.complete()).isTrue();
  }

  @Test
  void aStreamCutAfterMessageStartKeepsInputUsage() {
    AnthropicStreamUsage u = new AnthropicStreamUsage();
    u.feed(STREAM.substring(0, STREAM.indexOf("event: content_block_start")).getBytes(StandardCharsets.UTF_8));
    assertThat(u.usage()).isEqualTo(new TokenUsage(12, 1, 100, 200, 40));
    assertThat(u.sawUsage()).isTrue();
    assertThat(u.complete()).isFalse();
  }

  @Test
  void cacheWritesWithoutSplitCountAsFiveMinute() {
    AnthropicStreamUsage u = new AnthropicStreamUsage();
    u.feed(("data: {\"type\":\"message_start\",\"message\":{\"model\":\"m\",\"usage\":{\"input_tokens\":5,"
        + "\"cache_creation_input_tokens\":70,\"output_tokens\":0}}}\n\n").getBytes(StandardCharsets.UTF_8));
    assertThat(u.usage()).isEqualTo(new TokenUsage(5, 0, 70, 0, 0));
  }

  @Test
  void anErrorEventIsReported() {
    AnthropicStreamUsage u = new AnthropicStreamUsage();
    u.feed(
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(u.errorType()).isEqualTo("overloaded_error");
    assertThat(u.sawUsage()).isFalse();
  }
}
