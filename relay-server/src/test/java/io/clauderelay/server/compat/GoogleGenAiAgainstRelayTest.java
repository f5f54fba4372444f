package io.clauderelay.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeGeminiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google's official {@code @google/genai} package against the relay's Gemini routes
 * ({@code httpOptions.baseUrl} = the relay's {@code /gemini}). Skipped without node or without
 * {@code npm ci} in compat/google-genai.
 */
class GoogleGenAiAgainstRelayTest {
  private Path scriptDir;
  private FakeGeminiServer gemini;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("google-genai");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    gemini = new FakeGeminiServer();
    gemini.respondByDefault(Behaviour.ok().withUsage(1000, 400, 0, 0, 2000));
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (gemini != null) gemini.close();
  }

  @Test
  void theOfficialGenAiSdkWorksThroughTheRelay() {
    relay.createGeminiAccount("gemini", gemini.baseUrl(), "AIza-account", 10);
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs",
        Map.of("RELAY_URL", relay.base() + "/gemini", "RELAY_KEY", key), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(4);
    assertThat(gemini.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.header("x-goog-api-key")).isEqualTo("AIza-account");
      assertThat(String.valueOf(r.query())).doesNotContain(key);
    });
    assertThat(gemini.count(":streamGenerateContent")).isEqualTo(1);
    // generateContent and the stream are billed; countTokens is free.
    JsonNode total = relay.totals(key);
    assertThat(total.path("requests").asLong()).isEqualTo(2);
    assertThat(total.path("cost").decimalValue()).isEqualByComparingTo("0.00272");
  }
}
