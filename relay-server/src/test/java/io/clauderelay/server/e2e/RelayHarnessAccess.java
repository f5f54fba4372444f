package io.clauderelay.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The relay harness for tests in other packages (the SDK checks). */
public final class RelayHarnessAccess implements AutoCloseable {
  private final RelayHarness relay = new RelayHarness();

  public String base() {
    return relay.base();
  }

  public String createKey(String name) {
    return relay.createKey("{\"name\":\"" + name + "\"}");
  }

  public String createAccount(String name, String baseUrl, String apiKey) {
    return relay.createAccount(name, baseUrl, apiKey, 50, null);
  }

  public JsonNode usage(String key) {
    return RelayHarness.json(relay.send("GET", "/api/v1/usage", Map.of("x-api-key", key), null).body());
  }

  @Override
  public void close() {
    relay.close();
  }
}
