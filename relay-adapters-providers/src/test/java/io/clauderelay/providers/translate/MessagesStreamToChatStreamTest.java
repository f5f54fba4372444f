package io.clauderelay.providers.translate;

import static io.clauderelay.providers.translate.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesStreamToChatStreamTest {
  static final String TOOL_ARGS = "{\"city\":\"Paris ✓\",\"days\":[1,2],\"opts\":{\"units\":\"metric\"}}";

  /** A text block then a tool_use block whose arguments arrive in fragments, as Anthropic streams them. */
  static final String STREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_01XYZ","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":40,"output_tokens":1}}}

      event: ping
      data: {"type":"ping"}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me "}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"check ✓."}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Par"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is ✓\\",\\"days\\":[1,"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"2],\\"opts\\":{\\"units\\":\\"metric\\"}}"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":57}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  static String translate(String stream, boolean includeUsage, int... cuts) {
    MessagesStreamToChatStream t = new MessagesStreamToChatStream("claude-sonnet-4-5", includeUsage, 1_700_000_000L);
    byte[] all = stream.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int cut : cuts) {
      out.writeBytes(t.feed(Arrays.copyOfRange(all, from, cut)));
      from = cut;
    }
    out.writeBytes(t.feed(Arrays.copyOfRange(all, from, all.length)));
    out.writeBytes(t.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The data payloads of the output, in order. */
  static List<String> payloads(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<String> out = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      assertThat(event).startsWith("data: ").doesNotContain("\n");
      out.add(event.substring(6));
    }
    return out;
  }

  @Test
  void theStreamBecomesRoleTextToolCallFinishAndDoneChunks() {
    List<String> chunks = payloads(translate(STREAM, false));
    assertThat(chunks).hasSize(9).last().isEqualTo("[DONE]");
    String head = "{\"id\":\"chatcmpl-01XYZ\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"claude-sonnet-4-5\",";
    assertThat(obj(chunks.get(0))).isEqualTo(obj(head
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}"));
    assertThat(obj(chunks.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Let me ");
    assertThat(obj(chunks.get(2)).at("/choices/0/delta/content").asText()).isEqualTo("check ✓.");
    assertThat(obj(chunks.get(3))).isEqualTo(obj(head + """
        "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_01","type":"function",
          "function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"""));
    assertThat(obj(chunks.get(4)).at("/choices/0/delta/tool_calls/0")).isEqualTo(obj(
        "{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Par\"}}"));
    assertThat(obj(chunks.get(7))).isEqualTo(obj(head
        + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}"));
  }

  @Test
  void streamedToolArgumentsReassembleToTheOriginalJson() {
    StringBuilder args = new StringBuilder();
    for (String chunk : payloads(translate(STREAM, false))) {
      if (chunk.equals("[DONE]")) continue;
      for (JsonNode call : obj(chunk).at("/choices/0/delta/tool_calls")) {
        assertThat(call.get("index").asInt()).isZero();
        args.append(call.path("function").path("arguments").asText(""));
      }
    }
    assertThat(args.toString()).isEqualTo(TOOL_ARGS);
    assertThat(obj(args.toString())).isEqualTo(obj(TOOL_ARGS));
  }

  @Test
  void chunksSplitAtAnyBytePositionGiveTheSameOutput() {
    String whole = translate(STREAM, true);
    int n = STREAM.getBytes(StandardCharsets.UTF_8).length;
    for (int cut = 1; cut < n; cut++) {
      assertThat(translate(STREAM, true, cut)).as("cut at %d", cut).isEqualTo(whole);
    }
    int[] everyByte = new int[n - 1];
    for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
    assertThat(translate(STREAM, true, everyByte)).isEqualTo(whole);
  }

  @Test
  void theUsageChunkComesBeforeDoneOnlyWhenTheClientAskedForIt() {
    List<String> with = payloads(translate(STREAM, true));
    assertThat(with).hasSize(10);
    ObjectNode usageChunk = obj(with.get(8));
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.get("usage")).isEqualTo(obj(
        "{\"prompt_tokens\":152,\"completion_tokens\":57,\"total_tokens\":209,\"prompt_tokens_details\":{\"cached_tokens\":40}}"));
    assertThat(with.get(9)).isEqualTo("[DONE]");

    List<String> without = payloads(translate(STREAM, false));
    assertThat(without).noneMatch(c -> c.contains("\"usage\""));
  }

  @Test
  void usageAndModelAreKeptForBilling() {
    MessagesStreamToChatStream t = new MessagesStreamToChatStream("claude-sonnet-4-5", false, 1);
    t.feed(STREAM.getBytes(StandardCharsets.UTF_8));
    assertThat(t.usage()).isEqualTo(new TokenUsage(12, 57, 100, 0, 40));
    assertThat(t.upstreamModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(t.complete()).isTrue();
  }

  @Test
  void twoToolCallsGetIndexesZeroAndOne() {
    String stream = """
        data: {"type":"message_start","message":{"id":"msg_2","model":"m","usage":{"input_tokens":1,"output_tokens":0}}}

        data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"a","name":"f","input":{}}}

        data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}}

        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"b","name":"g","input":{}}}

        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"x\\":1}"}}

        data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}

        data: {"type":"message_stop"}

        """;
    List<String> chunks = payloads(translate(stream, false));
    assertThat(obj(chunks.get(1)).at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
    assertThat(obj(chunks.get(3)).at("/choices/0/delta/tool_calls/0")).isEqualTo(obj(
        "{\"index\":1,\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}"));
    assertThat(obj(chunks.get(4)).at("/choices/0/delta/tool_calls/0/function/arguments").asText())
        .isEqualTo("{\"x\":1}");
  }

  @Test
  void thinkingIsNotShownAndEndTurnFinishesWithStop() {
    String stream = """
        data: {"type":"message_start","message":{"id":"msg_3","model":"m","usage":{"input_tokens":1,"output_tokens":0}}}

        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"secret"}}

        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}

        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}

        data: {"type":"message_stop"}

        """;
    String out = translate(stream, false);
    assertThat(out).doesNotContain("secret");
    List<String> chunks = payloads(out);
    assertThat(chunks).hasSize(4);
    assertThat(obj(chunks.get(2)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void anAnthropicErrorEventBecomesAnErrorChunkThenDone() {
    String stream = STREAM.substring(0, STREAM.indexOf("event: content_block_start"))
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    List<String> chunks = payloads(translate(stream, true));
    assertThat(chunks).hasSize(3);
    assertThat(obj(chunks.get(1)))
        .isEqualTo(obj("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"code\":null}}"));
    assertThat(chunks.get(2)).isEqualTo("[DONE]");
  }

  @Test
  void aCutStreamStillEndsWithDoneAndFailCanReportWhy() {
    MessagesStreamToChatStream t = new MessagesStreamToChatStream("m", true, 1);
    String head = STREAM.substring(0, STREAM.indexOf("event: content_block_stop"));
    t.feed(head.getBytes(StandardCharsets.UTF_8));
    List<String> tail = payloads(new String(t.fail("api_error", "upstream went away"), StandardCharsets.UTF_8));
    assertThat(tail).containsExactly(
        "{\"error\":{\"message\":\"upstream went away\",\"type\":\"api_error\",\"code\":null}}", "[DONE]");
    assertThat(t.finish()).isEmpty();
    assertThat(t.complete()).isFalse();

    MessagesStreamToChatStream cut = new MessagesStreamToChatStream("m", true, 1);
    cut.feed(head.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(cut.finish(), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void includeUsageRequestedReadsStreamOptions() {
    assertThat(MessagesStreamToChatStream.includeUsageRequested(obj("{\"stream_options\":{\"include_usage\":true}}")))
        .isTrue();
    assertThat(MessagesStreamToChatStream.includeUsageRequested(obj("{\"stream\":true}"))).isFalse();
  }
}
