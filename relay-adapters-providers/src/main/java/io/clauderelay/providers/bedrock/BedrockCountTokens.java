package io.clauderelay.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.providers.common.BodyDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Bedrock's CountTokens answer {@code {"inputTokens": n}} as Anthropic's {@code {"input_tokens": n}}. */
public final class BedrockCountTokens implements BodyDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Buffer body = Buffer.buffer();

  @Override
  public Buffer feed(Buffer chunk) {
    body.appendBuffer(chunk);
    return Buffer.buffer();
  }

  @Override
  public Buffer finish() {
    try {
      JsonNode n = JSON.readTree(body.getBytes());
      if (n != null && n.has("inputTokens")) {
        return Buffer.buffer(JSON.createObjectNode().put("input_tokens", n.get("inputTokens").asLong()).toString());
      }
    } catch (IOException notJson) {
      // passed on as it came
    }
    return body;
  }

  @Override
  public String contentType() {
    return "application/json";
  }
}
