package io.clauderelay.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.clauderelay.server.config.ConfigException;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeGoogleTokenEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Plants known secrets through every path that logs (logins, key and account creation, relay
 * requests with the key in each place a client may put it, an upstream error echoing the
 * credential, an account whose proxy (with a password) is down, the cloud account types (Azure,
 * Vertex, Bedrock) created, edited and tested, a configuration error) with the production logging set-up, then reads every file in
 * LOG_DIR: no secret may appear, whole or beyond a short prefix.
 */
class SecretsNeverLoggedTest {
  static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final String JWT_SECRET = "test-jwt-secret-that-is-long-enough-0123456789";
  static final String UPSTREAM_KEY = "sk-ant-api03-PLANTEDupstreamKEY-9f8e7d6c5b4a";
  static final String OAUTH_TOKEN = "sk-ant-oat01-PLANTEDoauthTOKEN-1a2b3c4d5e6f";
  static final String WRONG_PASSWORD = "PLANTED-wrong-password-Zq81";
  static final String PROXY_PASSWORD = "PLANTED-proxy-password-Kx27";
  static final String AZURE_KEY = "PLANTED-azure-resource-key-7c1d9e2f";
  static final String AWS_SECRET = "PLANTED/aws+secret/Zx8Cv6Bn4Mm2Lk1";
  static final String AWS_SESSION = "PLANTED-sts-Qw3Er5Ty7Ui9Op0Pa";
  static final String BEDROCK_API_KEY = "PLANTED-bedrock-api-key-5h6j7k8l";
  static final String ADMIN_PASSWORD = "correct horse battery staple";
  static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @TempDir
  Path logDir;

  @AfterEach
  void restoreTestLogging() {
    for (String p : List.of("LOG_DIR", "LOG_LEVEL", "LOG_LEVEL_VERTX", "LOG_LEVEL_NETTY")) System.clearProperty(p);
    LogSetup.reload(SecretsNeverLoggedTest.class.getResource("/logback-test.xml"));
  }

  @Test
  void noSecretReachesAnyLogFile() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LOG_DIR", logDir.toString());
    env.put("LOG_LEVEL", "debug");
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("ENCRYPTION_KEY", ENCRYPTION_KEY);
    env.put("DATA_DIR", logDir.resolveSibling(logDir.getFileName() + "-data").toString());
    LogSetup.init(RelayConfig.load(env, logDir));

    String relayKey;
    String vertexPrivateKey;
    try (FakeAnthropicServer fake = FakeAnthropicServer.start();
        FakeGoogleTokenEndpoint google = new FakeGoogleTokenEndpoint();
        RelayNode relay = new RelayNode(Map.of("LOG_DIR", logDir.toString(),
            "LOG_LEVEL", "debug"))) {
      fake.respondByDefault(Behaviour.ok().withUsage(5, 5, 0, 0, 0));
      assertThat(login(relay, WRONG_PASSWORD).statusCode()).isEqualTo(401);
      relay.adminToken();
      relay.createAccount("oauthish", fake.baseUrl(), OAUTH_TOKEN, 90, null);
      // Preferred, but its proxy is down: every request fails over past it and logs why.
      String proxied = relay.createAccount("proxied", fake.baseUrl(), UPSTREAM_KEY, 1, "\"proxy\":\"socks5://puser:"
          + PROXY_PASSWORD + "@127.0.0.1:9\"");
      relay.admin("PUT", "/admin/claude-console-accounts/" + proxied, "{\"proxy\":\"http://puser:" + PROXY_PASSWORD
          + "@127.0.0.1:9\"}");
      relay.admin("POST", "/admin/claude-console-accounts/" + proxied + "/test", "{}");
      String accountId = relay.createAccount("upstream", fake.baseUrl(), UPSTREAM_KEY, 10, null);
      relay.admin("PUT", "/admin/claude-console-accounts/" + accountId, "{\"apiKey\":\"" + UPSTREAM_KEY + "\"}");
      relayKey = relay.createKey("{\"name\":\"planted\"}");
      vertexPrivateKey = cloudAccounts(relay, google);

      assertThat(relay.post("/api/v1/messages", relayKey, MESSAGE).statusCode()).isEqualTo(200);
      relay.send("POST", "/api/v1/messages",
          Map.of("content-type", "application/json", "authorization", "Bearer " + relayKey),
          MESSAGE);
      relay.send("POST", "/api/v1/messages?key=" + relayKey, Map.of("content-type", "application/json"), MESSAGE);
      relay.send("POST", "/api/v1/messages", Map.of("content-type", "application/json", "x-api-key", relayKey + "x"),
          MESSAGE);
      relay.send("POST", "/api/v1/messages", Map.of("content-type", "application/json"), "{not json " + relayKey);
      relay.send("POST", "/apiStats/api/user-stats", Map.of("content-type", "application/json"),
          "{\"apiKey\":\"" + relayKey + "\"}");
      relay.send("GET", "/admin/dashboard", Map.of("authorization", "Bearer " + OAUTH_TOKEN), null);

      // The upstream rejects the credential and echoes it back in its error body.
      fake.respondByDefault(
          Behaviour.error(401, "authentication_error", "invalid x-api-key " + UPSTREAM_KEY + " / " + OAUTH_TOKEN));
      relay.post("/api/v1/messages", relayKey, MESSAGE);
      relay.admin("POST", "/admin/claude-console-accounts/" + accountId + "/test", "{}");
      fake.respondByDefault(Behaviour.error(500, "api_error", "boom for " + UPSTREAM_KEY));
      relay.post("/api/v1/messages", relayKey, MESSAGE);

      relay.send("POST", "/web/auth/change-password", Map.of("content-type", "application/json",
          "authorization", "Bearer " + relay.adminToken()),
          "{\"currentPassword\":\"" + ADMIN_PASSWORD
              + "\",\"newPassword\":\"" + WRONG_PASSWORD + "-new\"}");
      login(relay, WRONG_PASSWORD + "-new");
    }
    // A configuration error names the variable, never its value.
    Map<String, String> badEnv = new HashMap<>(env);
    badEnv.put("ENCRYPTION_KEY", "PLANTED-bad-encryption-key-value");
    try {
      RelayConfig.load(badEnv, logDir);
    } catch (ConfigException e) {
      LoggerFactory.getLogger("io.clauderelay.server.RelayMain").error("configuration error: {}", e.getMessage());
    }

    String logs = allLogText();
    assertThat(logs).as("the logs were written").contains("admin.login.failure").contains("admin.login.success")
        .contains("api-key.create").contains("account.create").contains("/api/v1/messages");
    for (String secret : List.of(relayKey, UPSTREAM_KEY, OAUTH_TOKEN, WRONG_PASSWORD, PROXY_PASSWORD, ADMIN_PASSWORD,
        ENCRYPTION_KEY, JWT_SECRET, AZURE_KEY, AWS_SECRET, AWS_SESSION, BEDROCK_API_KEY, vertexPrivateKey,
        "PLANTED-bad-encryption-key-value")) {
      assertNoFragment(logs, secret);
    }
  }

  /**
   * The cloud account types (Azure OpenAI, Vertex AI, Bedrock with keys and with an API key) created,
   * edited and tested against a closed port, so their refusals and errors are logged; returns the
   * Vertex key file's private key (its base64 body), which must not be logged either.
   */
  private static String cloudAccounts(RelayNode relay, FakeGoogleTokenEndpoint google) throws Exception {
    String closed = "http://127.0.0.1:9";
    List<String> tests = new ArrayList<>();
    String azure = id(relay.admin("POST", "/admin/azure-openai-accounts", "{\"name\":\"az\",\"azureEndpoint\":\""
        + closed + "\",\"deploymentName\":\"d1\",\"apiKey\":\"" + AZURE_KEY + "\"}"));
    relay.admin("PUT", "/admin/azure-openai-accounts/" + azure, "{\"apiKey\":\"" + AZURE_KEY + "\"}");
    tests.add("/admin/azure-openai-accounts/" + azure);
    String keyFile = google.newKeyFile("planted@relay-test.iam.gserviceaccount.com", "relay-test");
    String vertex = id(
        relay.admin("POST", "/admin/vertex-accounts", new ObjectMapper().createObjectNode().put("name", "vx")
            .put("serviceAccountJson", keyFile).put("apiUrl", closed).toString()));
    tests.add("/admin/vertex-accounts/" + vertex);
    String keys = id(relay.admin("POST", "/admin/bedrock-accounts", "{\"name\":\"br\",\"region\":\"us-east-1\","
        + "\"endpointUrl\":\"" + closed + "\",\"awsCredentials\":{\"accessKeyId\":\"AKIAPLANTED0000000001\","
        + "\"secretAccessKey\":\"" + AWS_SECRET + "\",\"sessionToken\":\"" + AWS_SESSION + "\"}}"));
    relay.admin("PUT", "/admin/bedrock-accounts/" + keys, "{\"awsCredentials\":{\"accessKeyId\":"
        + "\"AKIAPLANTED0000000001\",\"secretAccessKey\":\"" + AWS_SECRET + "\"}}");
    tests.add("/admin/bedrock-accounts/" + keys);
    tests.add("/admin/bedrock-accounts/" + id(relay.admin("POST", "/admin/bedrock-accounts",
        "{\"name\":\"br-key\",\"region\":\"eu-west-1\",\"endpointUrl\":\"" + closed + "\",\"bearerToken\":\""
            + BEDROCK_API_KEY + "\"}")));
    for (String account : tests) {
      HttpResponse<String> r = relay.admin("POST", account + "/test", "{}");
      assertThat(RelayNode.json(r.body()).path("data").path("ok").asBoolean(true)).as(r.body()).isFalse();
    }
    String pem = RelayNode.json(keyFile).path("private_key").asText();
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  private static String id(HttpResponse<String> created) throws Exception {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return RelayNode.json(created.body()).path("data").path("id").asText();
  }

  /** Any 10 characters in a row of the secret would be more than the 6-character prefix allowed. */
  static void assertNoFragment(String logs, String secret) {
    for (int i = 0; i + 10 <= secret.length(); i++) {
      String fragment = secret.substring(i, i + 10);
      assertThat(logs).as("a fragment of a planted secret (" + secret.substring(0, 4) + "…) in the logs")
          .doesNotContain(fragment);
    }
  }

  private String allLogText() {
    LogSetup.flush(); // the main log is written by a queue's thread
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(logDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  private static java.net.http.HttpResponse<String> login(RelayNode relay, String password) {
    return relay.send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
        "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
  }
}
