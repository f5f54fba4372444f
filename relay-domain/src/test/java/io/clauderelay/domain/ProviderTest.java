package io.clauderelay.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider families by wire name and by model name, and the Claude-family test of the weekly limit. */
class ProviderTest {

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet-4-5", "claude-opus-4-1-20250805", "claude-3-5-haiku-20241022",
      "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "some-unknown-model"})
  void claudeModelsAndUnknownNamesAreClaude(String model) {
    assertThat(Provider.ofModel(model)).isEqualTo(Provider.CLAUDE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o", "GPT-5", "gpt-5-codex", "o3", "o4-mini", "o1-preview", "chatgpt-4o-latest",
      "codex-mini-latest"})
  void openAiModelsAreOpenAi(String model) {
    assertThat(Provider.ofModel(model)).isEqualTo(Provider.OPENAI);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-2.5-pro", "Gemini-2.0-flash", "models/gemini-x", "models/gemini-2.5-flash"})
  void geminiModelsAreGemini(String model) {
    assertThat(Provider.ofModel(model)).isEqualTo(Provider.GEMINI);
  }

  @Test
  void aMissingModelIsClaude() {
    assertThat(Provider.ofModel(null)).isEqualTo(Provider.CLAUDE);
  }

  @Test
  void opusIsNotMistakenForAnOSeriesModel() {
    assertThat(Provider.ofModel("opus")).isEqualTo(Provider.CLAUDE);
    assertThat(Provider.ofModel("o")).isEqualTo(Provider.CLAUDE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-opus-4-1", "claude-sonnet-4-5", "claude-3-5-haiku", "opus", "Sonnet-4", "HAIKU",
      "us.anthropic.claude-3-7-sonnet-20250219-v1:0"})
  void claudeFamilyNamesCountTowardTheWeeklyLimit(String model) {
    assertThat(Provider.isClaudeModel(model)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o", "o3", "gemini-2.5-pro", ""})
  void otherModelsDoNotCountTowardTheWeeklyLimit(String model) {
    assertThat(Provider.isClaudeModel(model)).isFalse();
  }

  @Test
  void aMissingModelIsNotClaudeFamily() {
    assertThat(Provider.isClaudeModel(null)).isFalse();
  }

  @Test
  void wireNamesParseIgnoringCaseAndSpace() {
    assertThat(Provider.parse(" Claude ")).contains(Provider.CLAUDE);
    assertThat(Provider.parse("openai")).contains(Provider.OPENAI);
    assertThat(Provider.parse("GEMINI")).contains(Provider.GEMINI);
    assertThat(Provider.parse("droid")).isEmpty();
    assertThat(Provider.parse(null)).isEmpty();
    for (Provider p : Provider.values()) assertThat(Provider.parse(p.id())).contains(p);
  }
}
