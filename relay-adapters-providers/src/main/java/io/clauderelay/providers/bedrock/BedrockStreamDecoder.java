package io.clauderelay.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.common.BodyDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * InvokeModelWithResponseStream's {@code application/vnd.amazon.eventstream} body as Anthropic SSE,
 * event by event, decoded with AWS's event-stream codec: each {@code chunk} event's {@code bytes}
 * (base64 of one Anthropic stream event) becomes {@code event: <type>} / {@code data: <json>}
 * without Bedrock's {@code amazon-bedrock-invocationMetrics}; an exception frame (throttling after
 * the stream began, say) becomes Anthropic's in-stream {@code error} event.
 */
public final class BedrockStreamDecoder implements BodyDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MessageDecoder frames = new MessageDecoder(this::onFrame);
  private Buffer out = Buffer.buffer();
  private boolean broken;

  @Override
  public Buffer feed(Buffer chunk) {
    if (broken) return Buffer.buffer();
    out = Buffer.buffer();
    try {
      frames.feed(chunk.getBytes());
    } catch (RuntimeException corrupt) {
      // A frame whose length or checksum is wrong: nothing after it can be trusted.
      broken = true;
      out.appendBuffer(error("api_error", "Bedrock sent a corrupt event-stream frame"));
    }
    return out;
  }

  @Override
  public Buffer finish() {
    return Buffer.buffer();
  }

  @Override
  public String contentType() {
    return "text/event-stream";
  }

  private void onFrame(Message m) {
    String kind = header(m, ":message-type", "event");
    if (kind.equals("event")) {
      if (header(m, ":event-type", "").equals("chunk")) chunk(m.getPayload());
      return;
    }
    String exception = kind.equals("exception") ? header(m, ":exception-type", "") : header(m, ":error-code", "");
    String message = kind.equals("exception") ? message(m.getPayload()) : header(m, ":error-message", "");
    out.appendBuffer(error(errorType(exception), "Bedrock " + exception + (message.isEmpty() ? "" : ": " + message)));
  }

  private void chunk(byte[] payload) {
    try {
      JsonNode bytes = JSON.readTree(payload).path("bytes");
      JsonNode event = JSON.readTree(Base64.getDecoder().decode(bytes.asText()));
      if (!(event instanceof ObjectNode e)) return;
      e.remove("amazon-bedrock-invocationMetrics");
      String type = e.path("type").asText("message");
      out.appendString("event: " + type + "\ndata: " + e + "\n\n");
    } catch (IOException | IllegalArgumentException unreadable) {
      out.appendBuffer(error("api_error", "Bedrock sent an unreadable stream chunk"));
    }
  }

  /** Bedrock's stream exception names as Anthropic error types. */
  static String errorType(String exception) {
    String e = exception.toLowerCase(java.util.Locale.ROOT);
    if (e.startsWith("throttling")) return "rate_limit_error";
    if (e.startsWith("serviceunavailable")) return "overloaded_error";
    if (e.startsWith("validation")) return "invalid_request_error";
    if (e.startsWith("accessdenied")) return "permission_error";
    return "api_error";
  }

  private static String message(byte[] payload) {
    try {
      JsonNode n = JSON.readTree(payload);
      return n.path("message").asText(n.path("Message").asText(""));
    } catch (IOException e) {
      return "";
    }
  }

  private static String header(Message m, String name, String fallback) {
    HeaderValue v = m.getHeaders().get(name);
    return v == null ? fallback : v.getString();
  }

  static Buffer error(String type, String message) {
    ObjectNode data = JSON.createObjectNode().put("type", "error");
    data.putObject("error").put("type", type).put("message", message);
    return Buffer.buffer(("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
