package io.clauderelay.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.providers.common.SseEventParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates an Anthropic Messages SSE stream, as it arrives, into Chat Completions chunks:
 * a role chunk, {@code delta.content} for text, {@code delta.tool_calls} for tool_use blocks
 * (id and name first, then the argument fragments as they come), a chunk with the finish
 * reason, the usage chunk ({@code choices: []}) only when the client asked for
 * {@code stream_options.include_usage}, then {@code data: [DONE]}. One instance per stream;
 * not thread-safe. Also keeps the usage it saw, for billing.
 */
public final class MessagesStreamToChatStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final SseEventParser events = new SseEventParser((name, data) -> onEvent(data));
  private final String requestedModel;
  private final boolean includeUsage;
  private final long created;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private String id;
  private String upstreamModel;
  private TokenUsage started = TokenUsage.ZERO;
  private boolean sawStart;
  private long output;
  private boolean roleSent;
  private boolean done;
  private boolean complete;

  public MessagesStreamToChatStream(String requestedModel, boolean includeUsage) {
    this(requestedModel, includeUsage, System.currentTimeMillis() / 1000);
  }

  public MessagesStreamToChatStream(String requestedModel, boolean includeUsage, long createdEpochSeconds) {
    this.requestedModel = requestedModel;
    this.includeUsage = includeUsage;
    this.created = createdEpochSeconds;
  }

  /** Whether a Chat Completions request asked for the final usage chunk. */
  public static boolean includeUsageRequested(JsonNode chatRequest) {
    return chatRequest != null && chatRequest.path("stream_options").path("include_usage").asBoolean(false);
  }

  /** Takes the next Anthropic SSE bytes and returns the Chat Completions bytes to send now (maybe none). */
  public byte[] feed(byte[] chunk) {
    events.feed(chunk);
    return drain();
  }

  /** Ends the stream: translates a last unterminated event and makes sure {@code [DONE]} was sent. */
  public byte[] finish() {
    events.finish();
    if (!done) {
      out.writeBytes(DONE);
      done = true;
    }
    return drain();
  }

  /** An error of the relay's own (upstream cut off, timeout) as an error chunk, then {@code [DONE]}. */
  public byte[] fail(String type, String message) {
    if (!done) emitError(type, message);
    return drain();
  }

  private byte[] drain() {
    byte[] bytes = out.toByteArray();
    out = new ByteArrayOutputStream();
    return bytes;
  }

  private void onEvent(String data) {
    if (done) return;
    JsonNode event;
    try {
      event = JSON.readTree(data);
    } catch (Exception malformed) {
      return; // nothing sensible to translate; the usage seen so far is kept
    }
    if (event == null || !event.isObject()) return;
    switch (event.path("type").asText("")) {
      case "message_start" -> onMessageStart(event.path("message"));
      case "content_block_start" -> onBlockStart(event.path("index").asInt(), event.path("content_block"));
      case "content_block_delta" -> onBlockDelta(event.path("index").asInt(), event.path("delta"));
      case "message_delta" -> onMessageDelta(event);
      case "message_stop" -> onMessageStop();
      case "error" -> emitError(event.path("error").path("type").asText("api_error"),
          event.path("error").path("message").asText(""));
      default -> {
      } // ping, content_block_stop, unknown future events
    }
  }

  private void onMessageStart(JsonNode message) {
    if (id == null) id = ChatShapes.completionId(message.path("id").asText(null));
    if (message.hasNonNull("model")) upstreamModel = message.get("model").asText();
    started = started.plus(AnthropicUsage.from(message.get("usage")));
    output += message.path("usage").path("output_tokens").asLong(0);
    sawStart = true;
    sendRole();
  }

  private void onBlockStart(int index, JsonNode block) {
    sendRole();
    switch (block.path("type").asText("")) {
      case "text" -> {
        String text = block.path("text").asText("");
        if (!text.isEmpty()) emitContent(text);
      }
      case "tool_use" -> {
        int toolIndex = toolIndexByBlock.size();
        toolIndexByBlock.put(index, toolIndex);
        ObjectNode call = toolCallDelta(toolIndex).put("id", block.path("id").asText()).put("type", "function");
        JsonNode input = block.get("input");
        // The start block normally carries {} and the arguments follow as fragments.
        String initial = input != null && input.isObject() && !input.isEmpty() ? input.toString() : "";
        call.putObject("function").put("name", block.path("name").asText()).put("arguments", initial);
        emitToolCall(call);
      }
      default -> {
      } // thinking blocks are not shown
    }
  }

  private void onBlockDelta(int index, JsonNode delta) {
    switch (delta.path("type").asText("")) {
      case "text_delta" -> {
        String text = delta.path("text").asText("");
        if (!text.isEmpty()) emitContent(text);
      }
      case "input_json_delta" -> {
        Integer toolIndex = toolIndexByBlock.get(index);
        String fragment = delta.path("partial_json").asText("");
        if (toolIndex != null && !fragment.isEmpty()) {
          ObjectNode call = toolCallDelta(toolIndex);
          call.putObject("function").put("arguments", fragment);
          emitToolCall(call);
        }
      }
      default -> {
      }
    }
  }

  private void onMessageDelta(JsonNode event) {
    JsonNode usage = event.path("usage");
    if (usage.has("output_tokens")) output = usage.get("output_tokens").asLong(output);
    if (usage.has("input_tokens") && !sawStart) started = AnthropicUsage.from(usage);
    String finish = ChatShapes.finishReason(event.path("delta").path("stop_reason").asText(null));
    if (finish != null) {
      sendRole();
      ObjectNode chunk = chunk();
      delta(chunk, finish);
      write(chunk);
    }
  }

  private void onMessageStop() {
    complete = true;
    if (includeUsage) {
      ObjectNode chunk = chunk();
      chunk.putArray("choices");
      chunk.set("usage", ChatShapes.usage(usage()));
      write(chunk);
    }
    out.writeBytes(DONE);
    done = true;
  }

  private void sendRole() {
    if (roleSent) return;
    roleSent = true;
    ObjectNode chunk = chunk();
    delta(chunk, null).put("role", "assistant").put("content", "");
    write(chunk);
  }

  private void emitContent(String text) {
    ObjectNode chunk = chunk();
    delta(chunk, null).put("content", text);
    write(chunk);
  }

  private void emitToolCall(ObjectNode call) {
    ObjectNode chunk = chunk();
    ArrayNode calls = delta(chunk, null).putArray("tool_calls");
    calls.add(call);
    write(chunk);
  }

  private ObjectNode toolCallDelta(int toolIndex) {
    return JSON.createObjectNode().put("index", toolIndex);
  }

  private void emitError(String type, String message) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.putObject("error").put("message", message).put("type", type).putNull("code");
    write(chunk);
    out.writeBytes(DONE);
    done = true;
  }

  private ObjectNode chunk() {
    if (id == null) id = ChatShapes.completionId(null);
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", requestedModel != null ? requestedModel : upstreamModel == null ? "" : upstreamModel);
    return chunk;
  }

  /** Adds the single choice and returns its (empty) delta for the caller to fill. */
  private static ObjectNode delta(ObjectNode chunk, String finishReason) {
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    return delta;
  }

  private void write(ObjectNode chunk) {
    try {
      out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(JSON.writeValueAsBytes(chunk));
      out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
    } catch (Exception impossible) {
      throw new IllegalStateException("cannot serialise a chunk", impossible);
    }
  }

  /** Usage seen so far: input and cache from message_start, output from the last message_delta. */
  public TokenUsage usage() {
    return new TokenUsage(started.input(), output, started.cacheWrite5m(), started.cacheWrite1h(), started.cacheRead());
  }

  /** The model the upstream reported in message_start (null before it). */
  public String upstreamModel() {
    return upstreamModel;
  }

  /** True once message_stop arrived. */
  public boolean complete() {
    return complete;
  }
}
