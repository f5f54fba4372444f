package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BedrockConfigTest {
  @Test
  void theModelMapIsPairsAndIdsMayHoldColonsAndSlashes(@TempDir Path dir) {
    BedrockConfig c = RelayConfig.load(Map.of("BEDROCK_MODEL_MAP",
        " claude-a = eu.anthropic.claude-a-v1:0 ,claude-b=arn:aws:bedrock:us-east-1:1:application-inference-profile/x"),
        dir).bedrock();
    assertThat(c.modelMap()).containsOnly(Map.entry("claude-a", "eu.anthropic.claude-a-v1:0"),
        Map.entry("claude-b", "arn:aws:bedrock:us-east-1:1:application-inference-profile/x"));
    assertThat(RelayConfig.load(Map.of(), dir).bedrock().modelMap()).isEmpty();
  }

  @Test
  void aPairWithoutAnIdIsRefusedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> RelayConfig.load(Map.of("BEDROCK_MODEL_MAP", "claude-a"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BEDROCK_MODEL_MAP");
    assertThatThrownBy(() -> RelayConfig.load(Map.of("BEDROCK_MODEL_MAP", "claude-a="), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BEDROCK_MODEL_MAP");
  }
}
