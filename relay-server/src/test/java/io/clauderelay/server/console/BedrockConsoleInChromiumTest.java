package io.clauderelay.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.server.compat.CompatPaths;
import io.clauderelay.server.compat.NodeCheck;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.FakeBedrockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's AWS Bedrock section in a real headless chromium (compat/console/bedrock-check.mjs):
 * add an account with an access key, list it, test it against a fake Bedrock that checks the SigV4
 * signature, switch it to an API key, see a bad region refused, delete it; writes
 * target/console-screenshot-bedrock.png. Skipped without node, {@code npm ci} in compat/console, or
 * /usr/bin/chromium.
 */
class BedrockConsoleInChromiumTest {
  static final String KEY_ID = "AKIABROWSERBEDROCK01";
  static final String SECRET = "browser/bedrock+secret";

  private Path scriptDir;
  private FakeBedrockServer fake;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("console");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    assumeTrue(Files.isExecutable(ConsoleInChromiumTest.CHROMIUM), ConsoleInChromiumTest.CHROMIUM + " missing");
    fake = new FakeBedrockServer("us-east-1").withAccessKey(KEY_ID, SECRET);
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (fake != null) fake.close();
  }

  @Test
  void anAdminAddsTestsEditsAndDeletesABedrockAccountInTheConsole() throws Exception {
    Path screenshot = Path.of("target", "console-screenshot-bedrock.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    NodeCheck.Result result = NodeCheck.run(scriptDir, "bedrock-check.mjs", Map.of("RELAY_URL", relay.base(),
        "ADMIN_USER", "admin", "ADMIN_PASSWORD", "correct horse battery staple", "SCREENSHOT", screenshot.toString(),
        "CHROMIUM", ConsoleInChromiumTest.CHROMIUM.toString(), "BEDROCK_URL", fake.baseUrl(), "BEDROCK_KEY_ID", KEY_ID,
        "BEDROCK_SECRET", SECRET), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(8);
    assertThat(screenshot).isNotEmptyFile();
    assertThat(fake.signatureChecks).as("the console's test was signed with the typed secret").containsExactly(true);
    assertThat(relay.app.accounts().list().toCompletableFuture().join()).isEmpty();
  }
}
