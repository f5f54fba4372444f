package io.clauderelay.providers.translate;

import static io.clauderelay.providers.translate.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ChatToMessagesTest {

  private static ObjectNode translate(String chat) {
    return ChatToMessages.translate(obj(chat));
  }

  @Test
  void aMinimalRequestGetsDefaultMaxTokensAndBlockContent() {
    assertThat(translate("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
        .isEqualTo(obj("""
            {"model":"claude-sonnet-4-5","max_tokens":4096,
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}"""));
  }

  @Test
  void systemAndDeveloperMessagesAreJoinedIntoSystemInOrder() {
    ObjectNode out = translate(
        """
            {"model":"m","messages":[
              {"role":"system","content":"You are terse."},
              {"role":"user","content":"Hi"},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."},{"type":"text","text":"No emojis."}]}]}""");
    assertThat(out.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.\nNo emojis.");
    assertThat(out.get("messages")).hasSize(1);
  }

  @Test
  void anImagePartInASystemMessageIsRejectedNamingThePart() {
    assertThatThrownBy(() -> translate(
        """
            {"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/a.png"}}]},
              {"role":"user","content":"Hi"}]}"""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].content[0]:");
  }

  @Test
  void imageDataUrlsBecomeBase64BlocksAndHttpUrlsBecomeUrlBlocks() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"What is this?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");
    assertThat(out.get("messages").get(0).get("content")).isEqualTo(obj("""
        {"c":[{"type":"text","text":"What is this?"},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
          {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}""").get("c"));
  }

  @Test
  void aPdfFilePartBecomesADocumentBlock() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}""");
    assertThat(out.at("/messages/0/content/0")).isEqualTo(obj(
        "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0=\"}}"));
  }

  @Test
  void cacheControlOnATextPartIsKept() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"long doc","cache_control":{"type":"ephemeral"}}]}]}""");
    assertThat(out.at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
  }

  @Test
  void badImageUrlsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> translate(
        """
            {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/a.png"}}]}]}"""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].content[0].image_url.url:");
    assertThatThrownBy(() -> translate(
        """
            {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]}"""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
  }

  @Test
  void anUnknownPartTypeIsRejected() {
    assertThatThrownBy(() -> translate("""
        {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}"""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].content[0].type:");
  }

  @Test
  void consecutiveSameRoleMessagesAreMergedAndEmptyOnesDropped() {
    ObjectNode out = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"one"},{"role":"user","content":""},{"role":"user","content":"two"},
          {"role":"assistant","content":"a"},{"role":"assistant","content":null},{"role":"assistant","content":"b"},
          {"role":"user","content":"three"}]}""");
    assertThat(out.get("messages")).isEqualTo(obj("""
        {"m":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
          {"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
          {"role":"user","content":[{"type":"text","text":"three"}]}]}""").get("m"));
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokens() {
    assertThat(translate(
        "{\"model\":\"m\",\"max_tokens\":100,\"max_completion_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
        .get("max_tokens").asInt()).isEqualTo(200);
    assertThat(translate("{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
        .get("max_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void samplingStopStreamAndUserAreMapped() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":0.7,"top_p":0.9,
         "stop":"END","stream":true,"user":"alice","seed":42,"presence_penalty":0.5}""");
    assertThat(out).isEqualTo(obj("""
        {"model":"m","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],
         "temperature":0.7,"top_p":0.9,"stop_sequences":["END"],"stream":true,"metadata":{"user_id":"alice"}}"""));
  }

  @Test
  void aStopArrayBecomesStopSequences() {
    assertThat(
        translate("{\"model\":\"m\",\"stop\":[\"a\",\"b\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
            .get("stop_sequences"))
        .isEqualTo(obj("{\"s\":[\"a\",\"b\"]}").get("s"));
  }

  @Test
  void toolsBecomeAnthropicToolsWithInputSchema() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[
          {"type":"function","function":{"name":"get_weather","description":"Weather for a city","strict":true,
            "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
          {"type":"function","function":{"name":"now"}}]}""");
    assertThat(out.get("tools")).isEqualTo(obj("""
        {"t":[{"name":"get_weather","description":"Weather for a city",
            "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
          {"name":"now","input_schema":{"type":"object","properties":{}}}]}""").get("t"));
    assertThat(out.has("tool_choice")).isFalse();
  }

  @Test
  void toolChoiceValuesMapToAnthropicOnes() {
    String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":";
    assertThat(translate(base + "\"auto\"}").get("tool_choice")).isEqualTo(obj("{\"type\":\"auto\"}"));
    assertThat(translate(base + "\"none\"}").get("tool_choice")).isEqualTo(obj("{\"type\":\"none\"}"));
    assertThat(translate(base + "\"required\"}").get("tool_choice")).isEqualTo(obj("{\"type\":\"any\"}"));
    assertThat(translate(base + "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}").get("tool_choice"))
        .isEqualTo(obj("{\"type\":\"tool\",\"name\":\"f\"}"));
    assertThat(translate(base + "\"required\",\"parallel_tool_calls\":false}").get("tool_choice"))
        .isEqualTo(obj("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    assertThatThrownBy(() -> translate(base + "\"sometimes\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tool_choice:");
  }

  @Test
  void toolChoiceWithoutToolsIsDroppedBecauseAnthropicRefusesIt() {
    assertThat(
        translate("{\"model\":\"m\",\"tool_choice\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
            .has("tool_choice"))
        .isFalse();
  }

  @Test
  void nonFunctionToolsAreRejected() {
    assertThatThrownBy(() -> translate(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"custom\",\"custom\":{}}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tools[0].type:");
  }

  @Test
  void assistantToolCallsBecomeToolUseBlocksAfterItsText() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":"weather?"},
          {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"call_2","type":"function","function":{"name":"now","arguments":""}}]}]}""");
    assertThat(out.at("/messages/1")).isEqualTo(obj("""
        {"role":"assistant","content":[{"type":"text","text":"Let me check."},
          {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
          {"type":"tool_use","id":"call_2","name":"now","input":{}}]}"""));
  }

  @Test
  void invalidOrNonObjectToolArgumentsBecomeAnEmptyObject() {
    ObjectNode out = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[
          {"id":"a","type":"function","function":{"name":"f","arguments":"{\\"city\\": \\"Par"}},
          {"id":"b","type":"function","function":{"name":"f","arguments":"[1,2]"}}]}]}""");
    assertThat(out.at("/messages/1/content/0/input")).isEqualTo(obj("{}"));
    assertThat(out.at("/messages/1/content/1/input")).isEqualTo(obj("{}"));
  }

  @Test
  void consecutiveToolMessagesBecomeOneUserMessageOfToolResultsBeforeAnyText() {
    ObjectNode out = translate(
        """
            {"model":"m","messages":[{"role":"user","content":"x"},
              {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}},
                                                {"id":"call_2","type":"function","function":{"name":"g","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"12:00"}]},
              {"role":"user","content":"thanks"}]}""");
    assertThat(out.get("messages")).hasSize(3);
    assertThat(out.at("/messages/2")).isEqualTo(obj("""
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"call_1","content":"sunny"},
          {"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"12:00"}]},
          {"type":"text","text":"thanks"}]}"""));
  }

  @Test
  void toolResultsMoveBeforeTextThatPrecededThemInTheSameTurn() {
    ObjectNode out = translate(
        """
            {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"user","content":"note"},{"role":"tool","tool_call_id":"c","content":"ok"}]}""");
    assertThat(out.at("/messages/1/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(out.at("/messages/1/content/1/type").asText()).isEqualTo("text");
  }

  @Test
  void validationErrorsNameTheField() {
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages:");
    assertThatThrownBy(() -> translate("{\"model\":\"m\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages:");
    assertThatThrownBy(() -> translate("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("model:");
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[\"hi\"]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0]:");
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].role:");
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].content:");
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages[0].tool_call_id:");
    assertThatThrownBy(
        () -> translate("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max_tokens:");
    assertThatThrownBy(() -> translate(
        "{\"model\":\"m\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("temperature:");
    assertThatThrownBy(
        () -> translate("{\"model\":\"m\",\"stop\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stop[0]:");
    assertThatThrownBy(
        () -> translate("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n:");
  }

  @Test
  void onlySystemMessagesIsRejected() {
    assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messages:");
  }
}
