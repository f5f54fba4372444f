package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.openai.OpenAiStreamUsage;
import io.clauderelay.providers.openai.OpenAiUsage;
import io.clauderelay.providers.openai.UsageChunkFilter;
import io.clauderelay.server.relay.BodyTap;
import io.clauderelay.server.relay.JsonUsageTap;
import io.clauderelay.server.relay.PassThroughTap;
import io.clauderelay.server.relay.StreamTap;
import io.vertx.core.buffer.Buffer;

/** Taps for OpenAI answers: bytes pass unchanged (but for a usage chunk the client did not ask for), usage is read on the way. */
final class OpenAiTaps {
  private OpenAiTaps() {}

  /** A Chat Completions or Responses stream; {@code hideUsageChunk} when the relay added include_usage itself. */
  static StreamTap stream(boolean responses, boolean hideUsageChunk) {
    OpenAiStreamUsage usage = new OpenAiStreamUsage();
    if (!hideUsageChunk)
      return new PassThroughTap(usage, responses ? OpenAiTaps::responsesError : OpenAiTaps::chatError);
    UsageChunkFilter filter = new UsageChunkFilter();
    return new PassThroughTap(usage, OpenAiTaps::chatError) {
      @Override
      public Buffer feed(Buffer chunk) {
        super.feed(chunk);
        return Buffer.buffer(filter.feed(chunk.getBytes()));
      }

      @Override
      public Buffer finish() {
        super.finish();
        return Buffer.buffer(filter.finish());
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
    return JsonUsageTap.of("usage", responses ? OpenAiUsage::fromResponses : OpenAiUsage::fromChatCompletion, "model");
  }
}
