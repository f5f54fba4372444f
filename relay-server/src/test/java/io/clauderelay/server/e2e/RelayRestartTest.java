package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small team's relay on the embedded store, restarted as an upgrade (SIGTERM) or a crash
 * (kill -9) would: the same keys still work and their usage is still counted.
 */
class RelayRestartTest {
  private static final String BODY = ClaudeRelayEndToEndTest.BODY;

  @TempDir
  Path work;
  private FakeAnthropicServer upstream;
  private RelayProcess relay;

  @BeforeEach
  void upstream() {
    upstream = FakeAnthropicServer.start();
  }

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    upstream.close();
  }

  private String createKey(String name) {
    return relay.adminJson("POST", "/admin/api-keys", "{\"name\":\"" + name + "\",\"dailyCostLimit\":20}")
        .path("data").path("apiKey").asText();
  }

  private JsonNode keyList() {
    return relay.adminJson("GET", "/admin/api-keys", null).path("data");
  }

  @Test
  void aGracefulStopThenAKillMinus9KeepKeysAccountsAndUsage() throws Exception {
    relay = RelayProcess.start(work);
    relay.adminJson("POST", "/admin/claude-console-accounts", "{\"name\":\"team-1\",\"apiUrl\":\"" + upstream.baseUrl()
        + "\",\"apiKey\":\"sk-ant-account-a\",\"priority\":50}");
    String key = createKey("alice");
    for (int i = 0; i < 3; i++) assertThat(relay.messages(key, BODY).statusCode()).isEqualTo(200);
    JsonNode usage = relay.usage(key);
    assertThat(usage.path("requests").asLong()).isEqualTo(3);
    JsonNode keys = keyList();
    JsonNode accounts = relay.adminJson("GET", "/admin/claude-console-accounts", null).path("data");

    relay.stop(); // SIGTERM
    relay = RelayProcess.start(work);

    assertThat(relay.usage(key)).isEqualTo(usage);
    assertThat(keyList()).isEqualTo(keys);
    assertThat(relay.adminJson("GET", "/admin/claude-console-accounts", null).path("data")).isEqualTo(accounts);
    assertThat(relay.messages(key, BODY).statusCode()).as("the same key, the same account, after the restart")
        .isEqualTo(200);
    assertThat(relay.usage(key).path("requests").asLong()).isEqualTo(4);

    String bob = createKey("bob"); // an admin change: on disk when the API answered
    Thread.sleep(1500); // the embedded store's bound for usage (EmbeddedStore.BOUND) has passed
    relay.kill(); // kill -9
    relay = RelayProcess.start(work);

    assertThat(relay.usage(key).path("requests").asLong()).isEqualTo(4);
    assertThat(relay.messages(bob, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondRelayOnTheSameDataDirIsRefusedWithOneLineSayingToUseRedis() {
    relay = RelayProcess.start(work);

    RelayProcess.Result second = RelayProcess.run(work, Map.of("PORT", "0"), "serve");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.output()).contains("is in use by another relay").contains("for several nodes use Redis");
    assertThat(second.output().lines().filter(l -> l.startsWith("embedded store:")).count()).isEqualTo(1);
  }
}
