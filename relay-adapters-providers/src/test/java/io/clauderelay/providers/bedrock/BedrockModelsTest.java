package io.clauderelay.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockModelsTest {
  @Test
  void anAnthropicNameBecomesTheInferenceProfileOfTheAccountsGeography() {
    BedrockModels m = BedrockModels.builtIn();
    assertThat(m.resolve("claude-sonnet-4-5-20250929", null, "us-east-1"))
        .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(m.resolve("claude-sonnet-4-5-20250929", null, "eu-central-1"))
        .isEqualTo("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(m.resolve("claude-haiku-4-5", null, "ap-northeast-1"))
        .isEqualTo("apac.anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(m.resolve("claude-sonnet-4-5-20250929[1m]", null, "us-west-2"))
        .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  }

  @Test
  void bedrockIdsAndArnsGoAsTheyAreAndTheConfiguredMapWins() {
    BedrockModels m = new BedrockModels(Map.of("claude-sonnet-4-5-20250929",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"));
    assertThat(m.resolve("claude-sonnet-4-5-20250929", null, "us-east-1"))
        .isEqualTo("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc");
    assertThat(m.resolve("global.anthropic.claude-opus-4-5-20251101-v1:0", "x", "us-east-1"))
        .isEqualTo("global.anthropic.claude-opus-4-5-20251101-v1:0");
    assertThat(m.resolve("anthropic.claude-3-haiku-20240307-v1:0", null, "eu-west-1"))
        .isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
  }

  @Test
  void anUnknownNameFallsBackToTheAccountsDefaultModelElseGoesAsItIs() {
    BedrockModels m = BedrockModels.builtIn();
    assertThat(m.resolve("claude-next", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "us-east-1"))
        .isEqualTo("us.anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(m.resolve("claude-next", null, "us-east-1")).isEqualTo("claude-next");
  }
}
