package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.openai.OpenAiStreamUsage;
import io.clauderelay.providers.openai.OpenAiUsage;
import io.clauderelay.providers.openai.UsageChunkFilter;
import io.clauderelay.server.relay.BodyTap;
import io.clauderelay.server.relay.StreamTap;
import io.vertx.core.buffer.Buffer;

/** Taps for OpenAI answers: bytes pass unchanged (but for a usage chunk the client did not ask for), usage is read on the way. */
final class OpenAiTaps {
  private OpenAiTaps() {}

  /** A Chat Completions or Responses stream; {@code hideUsageChunk} when the relay added include_usage itself. */
  static StreamTap stream(boolean responses, boolean hideUsageChunk) {
    OpenAiStreamUsage usage = new OpenAiStreamUsage();
    UsageChunkFilter filter = hideUsageChunk ? new UsageChunkFilter() : null;
    return new StreamTap() {
      @Override
      public Buffer feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        usage.feed(bytes);
        return filter == null ? chunk : Buffer.buffer(filter.feed(bytes));
      }

      @Override
      public Buffer finish() {
        usage.finish();
        return filter == null ? Buffer.buffer() : Buffer.buffer(filter.finish());
      }

      @Override
      public Buffer interrupted(String message) {
        return responses ? responsesError(message) : chatError(message);
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

  /** How OpenAI reports an error inside a Chat Completions stream. */
  static Buffer chatError(String message) {
    ObjectNode root = JsonBody.JSON.createObjectNode();
    root.putObject("error").put("message", message).put("type", "api_error").putNull("code");
    return Buffer.buffer("data: " + root + "\n\n");
  }

  /** The Responses API {@code error} event. */
  static Buffer responsesError(String message) {
    ObjectNode root = JsonBody.JSON.createObjectNode().put("type", "error").put("code", "api_error")
        .put("message", message).putNull("param");
    return Buffer.buffer("event: error\ndata: " + root + "\n\n");
  }

  static BodyTap json(boolean responses) {
    return body -> {
      try {
        JsonNode root = JsonBody.JSON.readTree(body.getBytes());
        TokenUsage usage = responses ? OpenAiUsage.fromResponses(root.get("usage"))
            : OpenAiUsage.fromChatCompletion(root.get("usage"));
        return new BodyTap.Result(body, usage, root.hasNonNull("model") ? root.get("model").asText() : null);
      } catch (Exception unparseable) {
        return new BodyTap.Result(body, TokenUsage.ZERO, null); // relayed as is; nothing to bill
      }
    };
  }
}
