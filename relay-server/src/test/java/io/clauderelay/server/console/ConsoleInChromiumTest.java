package io.clauderelay.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.server.alert.FakeWebhookReceiver;
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
 * credentials, and edit one; batch-delete the keys; a key's page with its limits as progress bars,
 * the request log, an account's page and its test request, a rate-limited account's cool-down history, the alert settings saved and a channel's
 * test delivered; the whole console in Chinese (switched, kept over a reload, or chosen by the
 * browser's language) with times on the relay's {@code TIMEZONE_OFFSET} clock. Writes
 * target/console-screenshot.png (dashboard), -key.png, -accounts.png and -zh.png (the request log in Chinese).
 * Skipped without node, {@code npm ci} in compat/console, or /usr/bin/chromium (.ci/run provides all).
 */
class ConsoleInChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Path scriptDir;
  private FakeAnthropicServer fake;
  private FakeTokenServer tokens;
  private FakeWebhookReceiver hooks;
  private RelayNode relay;

  @BeforeEach
  void setUp() {
    scriptDir = CompatPaths.compatDir("console");
    assumeTrue(NodeCheck.available(scriptDir), "node or " + scriptDir.resolve("node_modules") + " missing");
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " missing");
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(12, 8, 0, 0, 0));
    tokens = new FakeTokenServer();
    hooks = new FakeWebhookReceiver();
    // Eight hours east: the console must show times on the relay's clock, not the browser's (UTC here).
    relay = new RelayNode(Map.of("CLAUDE_OAUTH_TOKEN_URL", tokens.tokenUrl(), "TIMEZONE_OFFSET", "8"));
  }

  @AfterEach
  void tearDown() {
    if (relay != null) relay.close();
    if (fake != null) fake.close();
    if (tokens != null) tokens.close();
    if (hooks != null) hooks.close();
  }

  @Test
  void anAdminCreatesAKeyInTheConsoleAndSeesItsRequestCounted() throws Exception {
    relay.createAccount("fake-upstream", fake.baseUrl(), "sk-ant-console-account");
    // Tried first (priority 1) and rate-limited: the relayed request fails over, and this account's
    // page has a real cool-down to show.
    relay.createAccount("flaky-upstream", fake.baseUrl(), "sk-ant-flaky", 1, null);
    fake.when("sk-ant-flaky").respond(Behaviour.rateLimited(600));
    Path screenshot = Path.of("target", "console-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    NodeCheck.Result result = NodeCheck.run(scriptDir, "check.mjs", Map.of("RELAY_URL", relay.base(),
        "ADMIN_USER", "admin", "ADMIN_PASSWORD", "correct horse battery staple", "SCREENSHOT", screenshot.toString(),
        "CHROMIUM", CHROMIUM.toString(),
        "TOKEN_CONTROL_URL", tokens.controlUrl(), "HOOK_URL", hooks.url("/browser-hook"), "TIMEZONE_OFFSET", "8"),
        Duration.ofSeconds(180));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.passed()).isEqualTo(27);
    assertThat(screenshot).isNotEmptyFile();
    assertThat(fake.requests()).as("the flaky account's 429, the relayed request and the account page's test")
        .extracting(r -> r.credential())
        .containsExactlyInAnyOrder("sk-ant-flaky", "sk-ant-console-account", "sk-ant-console-account");
    assertThat(hooks.at("/browser-hook")).as("the channel's test message").singleElement()
        .satisfies(m -> assertThat(m.json().path("type").asText()).isEqualTo("test"));
    var webhook = RelayNode.json(relay.admin("GET", "/admin/webhook/config", null).body()).path("config");
    assertThat(webhook.path("enabled").asBoolean()).isTrue();
    assertThat(webhook.path("notificationTypes").path("test").asBoolean(true)).isFalse();
    assertThat(webhook.path("notificationTypes").path("quotaWarning").asBoolean()).isTrue();
    assertThat(webhook.path("retrySettings").path("maxRetries").asInt()).isEqualTo(2);
    assertThat(webhook.path("platforms")).singleElement()
        .satisfies(p -> assertThat(p.path("name").asText()).isEqualTo("browser-hook"));
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
