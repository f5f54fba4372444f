package io.clauderelay.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MessagesRequestTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''| Request body is empty",
      "{bad| not valid JSON",
      "[1,2]| must be a JSON object",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}| model: required",
      "{\"model\":5,\"messages\":[]}| model: required",
      "{\"model\":\"m\"}| messages: required",
      "{\"model\":\"m\",\"messages\":[]}| messages: must not be empty",
      "{\"model\":\"m\",\"messages\":\"hi\"}| messages: required",
      "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}| messages[0].role",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}| messages[0].content",
      "{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}| stream: must be a boolean",
      "{\"model\":\"m\",\"max_tokens\":\"10\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}| max_tokens",
      "{\"model\":\"m\",\"system\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}| system:",
      "{\"model\":\"m\",\"metadata\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}| metadata:"})
  void badBodiesGetA400NamingTheProblem(String body, String expected) {
    assertThatThrownBy(() -> MessagesRequest.parse(Buffer.buffer(body), false))
        .isInstanceOfSatisfying(FailureException.class, e -> {
          assertThat(e.failure().kind()).isEqualTo(FailureKind.CALLER_BAD_REQUEST);
          assertThat(e.failure().message()).contains(expected.trim());
        });
  }

  @Test
  void readsTheFactsAndForwardsTheBytesUnchangedUnlessTheModelIsMapped() {
    String body = "{\"model\":\"claude-x\",\"stream\":true,\"metadata\":{\"user_id\":\"u\"},\"system\":[{\"type\":\"text\",\"text\":\"S\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"first\"}]},{\"role\":\"assistant\",\"content\":\"a\"},"
        + "{\"role\":\"user\",\"content\":\"last\"}], \"prompt_cache_key\":\"pck\"}";
    MessagesRequest r = MessagesRequest.parse(Buffer.buffer(body), false);
    assertThat(r.model()).isEqualTo("claude-x");
    assertThat(r.stream()).isTrue();
    assertThat(r.metadataUserId()).isEqualTo("u");
    assertThat(r.systemText()).isEqualTo("S");
    assertThat(r.firstUserText()).isEqualTo("first");
    assertThat(r.bodySessionId()).isEqualTo("pck");
    assertThat(r.bodyFor("claude-x").toString()).isEqualTo(body);
    assertThat(r.bodyFor("claude-y").toString()).contains("\"model\":\"claude-y\"").contains("\"text\":\"first\"");
  }

  private static MessagesRequest body(String extra, String lastMessage) {
    return MessagesRequest.parse(Buffer.buffer("{\"model\":\"claude-x\",\"system\":\"You are terse.\"," + extra
        + "\"messages\":[{\"role\":\"user\",\"content\":\"first question\"},{\"role\":\"assistant\",\"content\":\"a\"},"
        + "{\"role\":\"user\",\"content\":\"" + lastMessage + "\"}]}"), false);
  }

  @Test
  void theSessionIdComesFromTheUserIdThenTheHeaderThenTheBodyThenTheStablePromptPrefix() {
    String uuid = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
    String userId = "user_" + "a".repeat(64) + "_account__session_" + uuid;
    assertThat(body("\"metadata\":{\"user_id\":\"" + userId + "\"},\"session_id\":\"body\",", "x").sessionId("hdr"))
        .contains(uuid);
    assertThat(body("\"session_id\":\"body\",", "x").sessionId("hdr")).contains("hdr");
    assertThat(body("\"session_id\":\"body\",", "x").sessionId(null)).contains("body");

    // No id anywhere: the hash of the system prompt and the first user message, never the last turn.
    var turn1 = body("", "second question").sessionId(null);
    var turn2 = body("", "third question").sessionId(null);
    assertThat(turn1).isPresent().get().asString().hasSize(32).matches("[0-9a-f]+");
    assertThat(turn2).isEqualTo(turn1);
    assertThat(body("\"metadata\":{\"user_id\":\"not-a-claude-code-id\"},", "x").sessionId(null)).isEqualTo(turn1);
  }
}
