package io.clauderelay.providers.translate;

import static io.clauderelay.providers.translate.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A whole tool-using conversation through the translators, as an OpenAI SDK client would drive it. */
class ToolCallRoundTripTest {
  private static final String TOOLS = """
      [{"type":"function","function":{"name":"get_weather","description":"Current weather",
        "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"enum":["c","f"]}},"required":["city"]}}}]""";

  @Test
  void toolsThenToolUseThenToolResultRoundTrip() {
    // 1. The client asks, offering a tool.
    ObjectNode firstRequest = obj(
        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
            + "\"tools\":" + TOOLS + ",\"tool_choice\":\"auto\"}");
    ObjectNode anthropicRequest = ChatToMessages.translate(firstRequest);
    assertThat(anthropicRequest.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(anthropicRequest.at("/tools/0/input_schema")).isEqualTo(firstRequest.at("/tools/0/function/parameters"));
    assertThat(anthropicRequest.get("tool_choice")).isEqualTo(obj("{\"type\":\"auto\"}"));

    // 2. Claude answers with a tool_use; the client gets tool_calls.
    ObjectNode anthropicResponse = obj("""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Checking."},
                    {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","unit":"c"}}],
         "stop_reason":"tool_use","usage":{"input_tokens":50,"output_tokens":20}}""");
    ObjectNode completion = MessagesToChat.translate(anthropicResponse, "claude-sonnet-4-5", 1);
    JsonNode assistant = completion.at("/choices/0/message");
    assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode call = assistant.at("/tool_calls/0");
    assertThat(call.get("id").asText()).isEqualTo("toolu_01A");
    assertThat(obj(call.at("/function/arguments").asText())).isEqualTo(obj("{\"city\":\"Paris\",\"unit\":\"c\"}"));

    // 3. The client replays the assistant message as received and adds the tool's answer.
    ObjectNode followUp = firstRequest.deepCopy();
    ArrayNode messages = (ArrayNode) followUp.get("messages");
    messages.add(Json.obj(assistant.toString()));
    messages.addObject().put("role", "tool").put("tool_call_id", call.get("id").asText()).put("content", "18°C, sunny");
    ObjectNode secondRequest = ChatToMessages.translate(followUp);

    assertThat(secondRequest.get("messages")).isEqualTo(obj("""
        {"m":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
          {"role":"assistant","content":[{"type":"text","text":"Checking."},
            {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","unit":"c"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"18°C, sunny"}]}]}""")
        .get("m"));
    // What Claude said in step 2 comes back to it unchanged.
    assertThat(secondRequest.at("/messages/1/content")).isEqualTo(anthropicResponse.get("content"));
  }

  @Test
  void aStreamedToolCallReplaysAsTheSameToolUse() {
    // Assemble the assistant message from stream chunks the way OpenAI SDKs do, then send it back.
    String stream = MessagesStreamToChatStreamTest.STREAM;
    MessagesStreamToChatStream t = new MessagesStreamToChatStream("claude-sonnet-4-5", false, 1);
    byte[] out = t.feed(stream.getBytes(StandardCharsets.UTF_8));
    StringBuilder content = new StringBuilder();
    String id = null;
    String name = null;
    StringBuilder args = new StringBuilder();
    for (String chunk : MessagesStreamToChatStreamTest.payloads(new String(out, StandardCharsets.UTF_8))) {
      if (chunk.equals("[DONE]")) continue;
      JsonNode delta = obj(chunk).at("/choices/0/delta");
      content.append(delta.path("content").asText(""));
      for (JsonNode c : delta.path("tool_calls")) {
        if (c.has("id")) id = c.get("id").asText();
        if (c.path("function").has("name")) name = c.at("/function/name").asText();
        args.append(c.at("/function/arguments").asText(""));
      }
    }
    ObjectNode replay = obj("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"?\"}]}");
    ObjectNode assistant = ((ArrayNode) replay.get("messages")).addObject().put("role", "assistant").put("content",
        content.toString());
    ObjectNode fn = assistant.putArray("tool_calls").addObject().put("id", id).put("type", "function")
        .putObject("function");
    fn.put("name", name).put("arguments", args.toString());

    ObjectNode translated = ChatToMessages.translate(replay);
    assertThat(translated.at("/messages/1")).isEqualTo(obj("""
        {"role":"assistant","content":[{"type":"text","text":"Let me check ✓."},
          {"type":"tool_use","id":"toolu_01","name":"get_weather",
           "input":{"city":"Paris ✓","days":[1,2],"opts":{"units":"metric"}}}]}"""));
  }
}
