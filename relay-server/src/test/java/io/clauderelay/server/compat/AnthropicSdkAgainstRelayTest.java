package io.clauderelay.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official {@code @anthropic-ai/sdk} against the relay (and the fake upstream behind it), with
 * both header forms, JSON, streaming, count_tokens and a rejected key; then the relay's own books.
 * Skipped without node or without {@code npm ci} in compat/anthropic-sdk (.ci/run does both).
 */
class AnthropicSdkAgainstRelayTest {
  private Path scriptDir;
  private FakeAnthropicServer fake;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("anthropic-sdk");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(12, 8, 3, 4, 5));
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (fake != null) fake.close();
  }

  @Test
  void theOfficialSdkWorksThroughTheRelayWithBothKeyForms() {
    relay.createAccount("upstream", fake.baseUrl(), "sk-ant-upstream-account");
    String key = relay.createKey("{\"name\":\"sdk\"}");

    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs",
        Map.of("RELAY_URL", relay.base() + "/api", "RELAY_KEY", key), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.failed()).isZero();
    assertThat(result.passed()).isEqualTo(11);
    // The relay key never reached the upstream; the account's credential did.
    assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.credential()).isEqualTo("sk-ant-upstream-account");
      assertThat(r.bodyAsString()).doesNotContain(key);
    });
    assertThat(fake.requests()).extracting(RecordedRequest::path).contains("/v1/messages", "/v1/messages/count_tokens");
    // Three key forms (apiKey, authToken, x-api-key) × (create + stream) were billed once each.
    JsonNode total = relay.usage(key).path("usage").path("total");
    assertThat(total.path("requests").asLong()).isEqualTo(6);
    assertThat(total.path("inputTokens").asLong()).isEqualTo(6 * 12);
    assertThat(total.path("outputTokens").asLong()).isEqualTo(6 * 8);
    assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(6 * 5);
  }
}
