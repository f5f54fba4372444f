package io.clauderelay.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.server.compat.CompatPaths;
import io.clauderelay.server.compat.NodeCheck;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeTokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real headless chromium (compat/console/check.mjs via playwright-core): log
 * in, create a key, use it through the relay, see it counted and the current RPM/TPM; add and edit
 * a Claude console account and add a Gemini one through the account form; onboard a Claude
 * subscription account through the PKCE link against a local token endpoint and from pasted
 * credentials, and edit one; batch-delete the keys; writes target/console-screenshot.png
 * (dashboard) and target/console-screenshot-accounts.png.
 * Skipped without node, {@code npm ci} in compat/console, or /usr/bin/chromium (.ci/run provides all).
 */
class ConsoleInChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Path scriptDir;
  private FakeAnthropicServer fake;
  private FakeTokenServer tokens;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("console");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " missing");
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(12, 8, 0, 0, 0));
    tokens = new FakeTokenServer();
    relay = new RelayNode(Map.of("CLAUDE_OAUTH_TOKEN_URL", tokens.tokenUrl()));
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (fake != null) fake.close();
    if (tokens != null) tokens.close();
  }

  @Test
  void anAdminCreatesAKeyInTheConsoleAndSeesItsRequestCounted() throws Exception {
    relay.createAccount("fake-upstream", fake.baseUrl(), "sk-ant-console-account");
    Path screenshot = Path.of("target", "console-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs", Map.of("RELAY_URL", relay.base(),
        "ADMIN_USER", "admin", "ADMIN_PASSWORD", "correct horse battery staple", "SCREENSHOT", screenshot.toString(),
        "CHROMIUM", CHROMIUM.toString(),
        "TOKEN_CONTROL_URL", tokens.controlUrl()), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(19);
    assertThat(screenshot).isNotEmptyFile();
    assertThat(fake.requests()).hasSize(1);
    assertThat(fake.requests().get(0).credential()).isEqualTo("sk-ant-console-account");
    assertThat(tokens.exchangeCalls()).as("the browser's code was exchanged once").isEqualTo(1);
    assertThat(tokens.requests()).filteredOn(r -> "authorization_code".equals(r.getString("grant_type")))
        .singleElement().satisfies(r -> assertThat(r.getString("code")).isEqualTo("browser-auth-code"));
    var formAccount = relay.app.accounts().list().toCompletableFuture().join().stream()
        .filter(a -> a.name().equals("browser-console-edited")).findFirst().orElseThrow();
    assertThat(formAccount.priority()).isEqualTo(7);
    assertThat(formAccount.schedulable()).isFalse();
    assertThat(formAccount.credential()).as("stored encrypted, unchanged by the edit")
        .isNotEqualTo("sk-ant-browser-form");
    assertThat(relay.app.cipher().decrypt(formAccount.credential())).isEqualTo("sk-ant-browser-form");
    var subscription = relay.app.accounts().list().toCompletableFuture().join().stream()
        .filter(a -> a.name().equals("pasted-subscription-edited")).findFirst().orElseThrow();
    assertThat(subscription.priority()).isEqualTo(12);
    assertThat(relay.app.cipher().decrypt(subscription.credential())).contains("sk-ant-oat01-pasted");
    assertThat(relay.app.keys().list().toCompletableFuture().join()).allMatch(k -> k.deleted());
  }
}
