package io.clauderelay.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code compat/anthropic-sdk/check.mjs} (the official SDK) straight against the fake upstream,
 * so the script itself is known to work before it is pointed at the relay. Skipped without node or
 * without {@code npm ci} having been run in that folder.
 */
class AnthropicSdkAgainstFakeTest {

  private static final String KEY = "sk-ant-compat-check";

  private Path scriptDir;
  private FakeAnthropicServer fake;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("anthropic-sdk");
    // In @BeforeEach, not @BeforeAll: surefire reports a failed assumption there as "skipped".
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    fake = FakeAnthropicServer.start();
  }

  @AfterEach
  void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void everySdkCheckPassesAgainstTheFake() {
    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs",
        Map.of("RELAY_URL", fake.baseUrl(), "RELAY_KEY", KEY), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.failed()).isZero();
    assertThat(result.passed()).isEqualTo(11);
  }

  @Test
  void theScriptUsesBothHeaderFormsAndTheStreamingEndpoint() {
    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs",
        Map.of("RELAY_URL", fake.baseUrl(), "RELAY_KEY", KEY), Duration.ofSeconds(120));
    assertThat(result.exitCode()).as(result.output()).isZero();

    List<RecordedRequest> requests = fake.requests();
    assertThat(requests).anySatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(KEY));
    assertThat(requests).anySatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY));
    assertThat(requests).anySatisfy(r -> assertThat(r.bodyAsJson().getBoolean("stream", false)).isTrue());
    assertThat(requests).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v1/messages/count_tokens"));
    assertThat(requests).anySatisfy(r -> assertThat(r.credential()).isEqualTo(FakeAnthropicServer.BAD_KEY));
    assertThat(requests).allSatisfy(r -> assertThat(r.header("anthropic-version")).isNotBlank());
  }

  @Test
  void theScriptReportsFailuresWithExitCode1() {
    // Every call fails when the "good" key is the one the fake rejects: the script must say so.
    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs",
        Map.of("RELAY_URL", fake.baseUrl(), "RELAY_KEY", FakeAnthropicServer.BAD_KEY), Duration.ofSeconds(120));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(9);
    assertThat(result.succeeded()).isFalse();
  }
}
