package io.clauderelay.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.server.compat.CompatPaths;
import io.clauderelay.server.compat.NodeCheck;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAzureOpenAiServer;
import io.clauderelay.server.fake.FakeGoogleTokenEndpoint;
import io.clauderelay.server.fake.FakeVertexServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's cloud accounts section in a real headless chromium
 * (compat/console/cloud-accounts-azvx.mjs): an Azure OpenAI and a Vertex AI account added through
 * the form, listed, tested against the fakes, one edited without retyping its key; writes
 * target/console-screenshot-cloud.png. Skipped like {@link ConsoleInChromiumTest} without node,
 * {@code npm ci} in compat/console, or /usr/bin/chromium.
 */
class CloudAccountsConsoleTest {
  private Path scriptDir;
  private FakeAzureOpenAiServer azure;
  private FakeGoogleTokenEndpoint google;
  private FakeVertexServer vertex;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("console");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    assumeTrue(Files.isExecutable(ConsoleInChromiumTest.CHROMIUM), ConsoleInChromiumTest.CHROMIUM + " missing");
    azure = new FakeAzureOpenAiServer();
    azure.deploy("gpt4o-prod", "gpt-4o-2024-08-06").acceptKey("azure-browser-key");
    azure.respondByDefault(Behaviour.ok().withUsage(5, 1, 0, 0, 0));
    google = new FakeGoogleTokenEndpoint();
    vertex = new FakeVertexServer(google);
    vertex.respondByDefault(Behaviour.ok().withUsage(5, 1, 0, 0, 0));
    relay = new RelayNode();
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[]{relay, vertex, google, azure}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }

  @Test
  void anAdminAddsTestsAndEditsAzureAndVertexAccountsInTheConsole() throws Exception {
    Path keyFile = Files.createTempFile("vertex-key", ".json");
    Files.writeString(keyFile, google.newKeyFile("console@relay-test.iam.gserviceaccount.com", "relay-test"));
    Path screenshot = Path.of("target", "console-screenshot-cloud.png").toAbsolutePath();

    NodeCheck.Result result = NodeCheck.run(scriptDir, "cloud-accounts-azvx.mjs", Map.of("RELAY_URL", relay.base(),
        "ADMIN_USER", "admin", "ADMIN_PASSWORD", "correct horse battery staple", "CHROMIUM",
        ConsoleInChromiumTest.CHROMIUM.toString(), "AZURE_ENDPOINT", azure.baseUrl(), "AZURE_KEY",
        "azure-browser-key", "VERTEX_ENDPOINT", vertex.baseUrl(), "VERTEX_KEY_FILE", keyFile.toString(),
        "SCREENSHOT", screenshot.toString()), Duration.ofSeconds(120));
    Files.deleteIfExists(keyFile);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(7);
    List<Account> accounts = relay.app.accounts().list().toCompletableFuture().join();
    Account az = accounts.stream().filter(a -> a.type() == AccountType.AZURE_OPENAI).findFirst().orElseThrow();
    assertThat(az.name()).isEqualTo("browser-azure-edited");
    assertThat(az.priority()).isEqualTo(7);
    assertThat(relay.app.cipher().decrypt(az.credential())).as("kept through the edit")
        .isEqualTo("azure-browser-key");
    assertThat(azure.requests()).as("the test request").hasSize(1);
    Account vx = accounts.stream().filter(a -> a.type() == AccountType.VERTEX).findFirst().orElseThrow();
    assertThat(vx.option("region", null)).isEqualTo("europe-west1");
    assertThat(vertex.lastRequest().path()).isEqualTo(
        "/v1/projects/relay-test/locations/europe-west1/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict");
    assertThat(google.refusals()).isEmpty();
  }
}
