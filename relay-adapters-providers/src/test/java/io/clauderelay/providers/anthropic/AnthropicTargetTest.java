package io.clauderelay.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnthropicTargetTest {

  @Test
  void baseUrlsWithOrWithoutV1AllLeadToTheSameEndpoint() {
    for (String base : new String[]{"https://x.example", "https://x.example/", "https://x.example/v1",
        "https://x.example/v1/messages"}) {
      assertThat(new AnthropicTarget(base, "k").url("/v1/messages", "beta=true"))
          .isEqualTo("https://x.example/v1/messages?beta=true");
    }
  }

  @Test
  void anthropicKeysUseXApiKeyOthersBearer() {
    assertThat(new AnthropicTarget(null, "sk-ant-api03-abc").usesApiKeyHeader()).isTrue();
    assertThat(new AnthropicTarget(null, "gateway-token").usesApiKeyHeader()).isFalse();
    assertThat(new AnthropicTarget(null, "k").url("/v1/messages", null))
        .isEqualTo("https://api.anthropic.com/v1/messages");
  }

  @Test
  void errorBodiesAreReducedToTypeAndMessage() {
    AnthropicErrorBody e = AnthropicErrorBody.parse(529,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes());
    assertThat(e).isEqualTo(new AnthropicErrorBody("overloaded_error", "Overloaded"));
    assertThat(AnthropicErrorBody.parse(502, "<html>bad gateway</html>".getBytes()))
        .isEqualTo(new AnthropicErrorBody("api_error", "Upstream returned HTTP 502"));
  }
}
