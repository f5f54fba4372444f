package io.clauderelay.providers.translate;

import static io.clauderelay.providers.translate.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MessagesToChatTest {

  private static ObjectNode translate(String response) {
    // Re-parsed so numbers compare by value (the translator writes longs, the parser reads ints).
    return obj(MessagesToChat.translate(obj(response), "claude-sonnet-4-5", 1_700_000_000L).toString());
  }

  @Test
  void aTextResponseBecomesAChatCompletionWithUsageIncludingCacheTokens() {
    ObjectNode out = translate(
        """
            {"id":"msg_01ABC","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"Hello"},{"type":"text","text":" world"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":5}}""");
    assertThat(out).isEqualTo(
        obj("""
            {"id":"chatcmpl-01ABC","object":"chat.completion","created":1700000000,"model":"claude-sonnet-4-5",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello world"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":60,"completion_tokens":5,"total_tokens":65,"prompt_tokens_details":{"cached_tokens":30}}}"""));
  }

  @Test
  void toolUseBlocksBecomeToolCallsWithNullContentAndToolCallsFinish() {
    ObjectNode out = translate("""
        {"id":"msg_1","content":[
           {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":[1,2]}},
           {"type":"tool_use","id":"toolu_2","name":"now","input":{}}],
         "stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":2}}""");
    ObjectNode message = (ObjectNode) out.at("/choices/0/message");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.get("tool_calls")).isEqualTo(
        obj("""
            {"t":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"days\\":[1,2]}"}},
                  {"id":"toolu_2","type":"function","function":{"name":"now","arguments":"{}"}}]}""")
            .get("t"));
    assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void textBesideToolCallsIsKept() {
    ObjectNode out = translate("""
        {"id":"msg_1","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"t","name":"f","input":{}}],
         "stop_reason":"tool_use","usage":{}}""");
    assertThat(out.at("/choices/0/message/content").asText()).isEqualTo("Checking.");
    assertThat(out.at("/choices/0/message/tool_calls")).hasSize(1);
  }

  @Test
  void stopReasonsMapToFinishReasons() {
    for (String[] pair : new String[][]{{"end_turn", "stop"}, {"max_tokens", "length"}, {"stop_sequence", "stop"},
        {"tool_use", "tool_calls"}, {"refusal", "content_filter"}}) {
      ObjectNode out = translate("{\"id\":\"msg_1\",\"content\":[],\"stop_reason\":\"" + pair[0] + "\",\"usage\":{}}");
      assertThat(out.at("/choices/0/finish_reason").asText()).as(pair[0]).isEqualTo(pair[1]);
    }
  }

  @Test
  void anEmptyResponseHasEmptyStringContent() {
    ObjectNode out = translate("{\"id\":\"msg_1\",\"content\":[],\"stop_reason\":\"end_turn\",\"usage\":{}}");
    assertThat(out.at("/choices/0/message/content").asText()).isEmpty();
    assertThat(out.at("/choices/0/message").has("tool_calls")).isFalse();
  }

  @Test
  void withoutARequestedModelTheUpstreamModelIsShown() {
    ObjectNode out = MessagesToChat
        .translate(obj("{\"id\":\"msg_1\",\"model\":\"claude-x\",\"content\":[],\"usage\":{}}"), null, 1);
    assertThat(out.get("model").asText()).isEqualTo("claude-x");
  }

  @Test
  void aMissingIdGetsARandomChatcmplId() {
    ObjectNode a = MessagesToChat.translate(obj("{\"content\":[],\"usage\":{}}"), "m");
    ObjectNode b = MessagesToChat.translate(obj("{\"content\":[],\"usage\":{}}"), "m");
    assertThat(a.get("id").asText()).startsWith("chatcmpl-").hasSizeGreaterThan(20).isNotEqualTo(b.get("id").asText());
  }
}
