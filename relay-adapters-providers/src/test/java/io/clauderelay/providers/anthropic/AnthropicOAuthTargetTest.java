package io.clauderelay.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicOAuthTargetTest {

  @Test
  void anOAuthAccessTokenGoesAsBearerEvenThoughItLooksLikeAnApiKey() {
    assertThat(AnthropicTarget.oauth(null, "sk-ant-oat01-x").usesApiKeyHeader()).isFalse();
    assertThat(new AnthropicTarget(null, "sk-ant-api03-x").usesApiKeyHeader()).isTrue();
  }

  @Test
  void theOAuthBetaIsAddedOnceAfterTheClientsBetas() {
    assertThat(AnthropicUpstream.withBeta(List.of(), "oauth-2025-04-20")).isEqualTo("oauth-2025-04-20");
    assertThat(AnthropicUpstream.withBeta(List.of("claude-code-20250219, interleaved-thinking-2025-05-14", "x"),
        "oauth-2025-04-20")).isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14,x,oauth-2025-04-20");
    assertThat(AnthropicUpstream.withBeta(List.of("oauth-2025-04-20,y"), "oauth-2025-04-20"))
        .isEqualTo("oauth-2025-04-20,y");
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(AnthropicTarget.oauth(null, "sk-ant-oat01-secret").toString()).doesNotContain("secret");
  }
}
