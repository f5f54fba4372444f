package io.clauderelay.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** The event stream as Bedrock frames it (made with AWS's codec), cut anywhere, becomes the same SSE. */
class BedrockStreamDecoderTest {
  static byte[] frame(String messageType, String typeHeader, String typeValue, String payload) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(typeHeader, HeaderValue.fromString(typeValue));
    h.put(":content-type", HeaderValue.fromString("application/json"));
    h.put(":message-type", HeaderValue.fromString(messageType));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Message(h, payload.getBytes(StandardCharsets.UTF_8)).encode(out);
    return out.toByteArray();
  }

  static byte[] chunk(String anthropicEventJson) {
    String b64 = Base64.getEncoder().encodeToString(anthropicEventJson.getBytes(StandardCharsets.UTF_8));
    return frame("event", ":event-type", "chunk", "{\"bytes\":\"" + b64 + "\",\"p\":\"abc\"}");
  }

  static byte[] stream() {
    Buffer all = Buffer.buffer();
    all.appendBytes(
        chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ünï ✓\"}}"));
    all.appendBytes(chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":3}}"));
    return all.getBytes();
  }

  static final String SSE = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"ünï ✓\"}}\n\n"
      + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  @Test
  void framesSplitAtEveryPossibleByteGiveTheSameEvents() {
    byte[] bytes = stream();
    for (int cut = 1; cut < bytes.length; cut++) {
      BedrockStreamDecoder d = new BedrockStreamDecoder();
      Buffer out = Buffer.buffer();
      out.appendBuffer(d.feed(Buffer.buffer(bytes).getBuffer(0, cut)));
      out.appendBuffer(d.feed(Buffer.buffer(bytes).getBuffer(cut, bytes.length)));
      out.appendBuffer(d.finish());
      assertThat(out.toString(StandardCharsets.UTF_8)).as("cut at %d", cut).isEqualTo(SSE);
    }
  }

  @Test
  void anExceptionFrameBecomesAnAnthropicErrorEvent() {
    BedrockStreamDecoder d = new BedrockStreamDecoder();
    String out = d.feed(Buffer.buffer(frame("exception", ":exception-type", "throttlingException",
        "{\"message\":\"Too many tokens\"}"))).toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("event: error\ndata: ")
        .contains("\"type\":\"rate_limit_error\"", "Bedrock throttlingException: Too many tokens");
  }

  @Test
  void aCorruptFrameEndsTheStreamWithAnErrorEventAndNothingAfterIt() {
    byte[] bytes = stream();
    bytes[bytes.length - 1] ^= 0x55; // the second frame's checksum
    BedrockStreamDecoder d = new BedrockStreamDecoder();
    String out = d.feed(Buffer.buffer(bytes)).toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("event: content_block_delta").contains("event: error", "corrupt")
        .doesNotContain("message_stop");
    assertThat(d.feed(Buffer.buffer(chunk("{\"type\":\"ping\"}"))).length()).isZero();
  }
}
