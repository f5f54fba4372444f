package io.clauderelay.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.vertx.core.buffer.Buffer;

/** Pass-through taps for Anthropic Messages answers: bytes unchanged, usage read on the way. */
final class AnthropicTaps {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnthropicTaps() {}

  static StreamTap stream() {
    AnthropicStreamUsage usage = new AnthropicStreamUsage();
    return new StreamTap() {
      @Override
      public Buffer feed(Buffer chunk) {
        usage.feed(chunk.getBytes());
        return chunk;
      }

      @Override
      public Buffer finish() {
        usage.finish();
        return Buffer.buffer();
      }

      @Override
      public Buffer interrupted(String message) {
        return ResponsePump.sseError("api_error", message);
      }

      @Override
      public TokenUsage usage() {
        return usage.usage();
      }

      @Override
      public String model() {
        return usage.model();
      }
    };
  }

  static BodyTap json() {
    return body -> {
      try {
        JsonNode root = JSON.readTree(body.getBytes());
        return new BodyTap.Result(body, AnthropicUsage.from(root.get("usage")),
            root.hasNonNull("model") ? root.get("model").asText() : null);
      } catch (Exception unparseable) {
        return new BodyTap.Result(body, TokenUsage.ZERO, null); // relayed as is; nothing to bill
      }
    };
  }
}
