package io.clauderelay.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm package against the relay: Chat Completions and Responses (JSON
 * and streams) through an OpenAI account, and a tool-call round trip through the Claude front door.
 * Skipped without node or without {@code npm ci} in compat/openai-sdk (.ci/run does both).
 */
class OpenAiSdkAgainstRelayTest {
  private Path scriptDir;
  private FakeOpenAiServer openAi;
  private FakeAnthropicServer anthropic;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("openai-sdk");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    openAi = new FakeOpenAiServer();
    openAi.respondByDefault(Behaviour.ok().withUsage(1000, 500, 0, 0, 2000));
    anthropic = FakeAnthropicServer.start();
    anthropic.respondByDefault(Behaviour.ok().withUsage(12, 8, 0, 0, 0));
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (anthropic != null) anthropic.close();
    if (openAi != null) openAi.close();
  }

  @Test
  void theOfficialOpenAiSdkWorksThroughTheRelayIncludingToolCallsToClaude() {
    relay.createOpenAiAccount("openai", openAi.baseUrl(), "sk-openai-account", 10);
    relay.createAccount("claude", anthropic.baseUrl(), "sk-ant-account");
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs", Map.of("RELAY_URL", relay.base() + "/openai/v1",
        "RELAY_CLAUDE_URL", relay.base() + "/openai/claude/v1", "RELAY_KEY", key), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(9);
    assertThat(openAi.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.header("authorization")).isEqualTo("Bearer sk-openai-account");
      assertThat(r.bodyAsString()).doesNotContain(key);
    });
    // 5 OpenAI calls + 3 Claude calls (the round trip's two and the streamed tool call), each billed once.
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(8);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(5 * 2000);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(5 * 1000 + 3 * 12);
  }
}
