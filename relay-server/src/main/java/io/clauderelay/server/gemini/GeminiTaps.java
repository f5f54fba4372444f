package io.clauderelay.server.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.gemini.GeminiStreamUsage;
import io.clauderelay.providers.gemini.GeminiUsage;
import io.clauderelay.server.relay.BodyTap;
import io.clauderelay.server.relay.JsonUsageTap;
import io.clauderelay.server.relay.PassThroughTap;
import io.clauderelay.server.relay.StreamTap;
import io.vertx.core.buffer.Buffer;

/** Pass-through taps for Gemini answers, reading {@code usageMetadata} on the way. */
final class GeminiTaps {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A JSON-array stream is parsed once complete; past this size it is relayed unbilled. */
  private static final int MAX_ARRAY_BYTES = 32 * 1024 * 1024;

  private GeminiTaps() {}

  /** {@code streamGenerateContent?alt=sse}: each event repeats the running usage, the last wins. */
  static StreamTap sse() {
    return new PassThroughTap(new GeminiStreamUsage(), message -> Buffer.buffer("data: " + error(message) + "\n\n"));
  }

  /**
   * {@code streamGenerateContent} without {@code alt=sse}: one JSON array written piece by piece.
   * The bytes pass as they come; the usage is read from the last element once the array is complete.
   */
  static StreamTap jsonArray() {
    return new StreamTap() {
      private Buffer seen = Buffer.buffer();
      private TokenUsage usage = TokenUsage.ZERO;
      private String model;

      @Override
      public Buffer feed(Buffer chunk) {
        if (seen != null && seen.length() + chunk.length() <= MAX_ARRAY_BYTES) seen.appendBuffer(chunk);
        else seen = null;
        return chunk;
      }

      @Override
      public Buffer finish() {
        if (seen == null) return Buffer.buffer();
        try {
          for (JsonNode element : JSON.readTree(seen.getBytes())) {
            if (element.has("usageMetadata")) usage = GeminiUsage.from(element.get("usageMetadata"));
            if (element.hasNonNull("modelVersion")) model = element.get("modelVersion").asText();
          }
        } catch (java.io.IOException incomplete) {
          // a cut-off array: nothing reliable to bill
        }
        seen = null;
        return Buffer.buffer();
      }

      @Override
      public Buffer interrupted(String message) {
        return Buffer.buffer();
      }

      @Override
      public TokenUsage usage() {
        return usage;
      }

      @Override
      public String model() {
        return model;
      }
    };
  }

  static BodyTap json() {
    return JsonUsageTap.of("usageMetadata", GeminiUsage::from, "modelVersion");
  }

  private static String error(String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("code", 502).put("message", message).put("status", "UNAVAILABLE");
    return root.toString();
  }
}
