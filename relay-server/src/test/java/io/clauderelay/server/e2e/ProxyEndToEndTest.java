package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeGeminiServer;
import io.clauderelay.server.fake.FakeOpenAiServer;
import io.clauderelay.server.fake.FakeTokenServer;
import io.clauderelay.server.fake.TestHttpProxy;
import io.clauderelay.server.fake.TestSocks5Proxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts with a proxy, end to end over loopback: a local HTTP forward proxy and a local SOCKS5
 * proxy sit between the relay and the fake upstreams. The upstreams are addressed by names only
 * the proxies resolve ({@link TestSocks5Proxy#PROXY_ONLY}), so an answer proves the request went
 * through the proxy. Also: failover past a dead proxy, validation, masking and encryption at rest.
 */
class ProxyEndToEndTest {
  static final String MODEL = "claude-sonnet-4-5-20250929";
  static final String BODY = "{\"model\":\"" + MODEL
      + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String STREAM = "{\"model\":\"" + MODEL + "\",\"max_tokens\":16,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String PROXY_PASSWORD = "PLANTED-proxy-pass:w@rd";
  static final String PROXY_PASSWORD_ENCODED = "PLANTED-proxy-pass%3Aw%40rd";

  final List<AutoCloseable> closing = new ArrayList<>();
  FakeAnthropicServer anthropic;
  RelayNode relay;
  String key;

  <T extends AutoCloseable> T closeLater(T c) {
    closing.add(0, c);
    return c;
  }

  @BeforeEach
  void start() {
    anthropic = closeLater(FakeAnthropicServer.start());
  }

  void startRelay(Map<String, String> env) {
    relay = closeLater(new RelayNode(env));
    key = relay.createKey("{\"name\":\"user\"}");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) c.close();
  }

  /** The base URL of a fake on loopback, under a name only the test proxies resolve. */
  static String proxyOnly(String baseUrl) {
    return baseUrl.replace("127.0.0.1", "upstream" + TestSocks5Proxy.PROXY_ONLY);
  }

  static String proxyField(String url) {
    return "\"proxy\":\"" + url + "\"";
  }

  static int deadPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode consoleAccount(String id) {
    HttpResponse<String> r = relay.admin("GET", "/admin/claude-console-accounts", null);
    assertThat(r.statusCode()).isEqualTo(200);
    for (JsonNode a : RelayNode.json(r.body()).path("data")) if (a.path("id").asText().equals(id)) return a;
    throw new AssertionError("account " + id + " not listed");
  }

  Account stored(String id) {
    return relay.app.accounts().findById(id).toCompletableFuture().join().orElseThrow();
  }

  @Test
  void jsonAndStreamGoThroughAnHttpProxyWithCredentialsIntact() {
    startRelay(Map.of());
    TestHttpProxy proxy = closeLater(new TestHttpProxy("puser", PROXY_PASSWORD));
    relay.createAccount("via-http", proxyOnly(anthropic.baseUrl()), "sk-ant-via-http", 10,
        proxyField("http://puser:" + PROXY_PASSWORD_ENCODED + "@127.0.0.1:" + proxy.port()));

    HttpResponse<String> json = relay.post("/api/v1/messages", key, BODY);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(RelayNode.json(json.body()).path("content").get(0).path("text").asText())
        .isEqualTo(Behaviour.ok().text());
    HttpResponse<String> stream = relay.post("/api/v1/messages", key, STREAM);
    assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
    assertThat(stream.body()).contains("event: message_start").contains("event: message_stop");

    assertThat(proxy.forwarded()).as("both requests were forwarded by the proxy").isEqualTo(2);
    assertThat(proxy.refused()).isZero();
    assertThat(proxy.uris()).allMatch(u -> u.startsWith(proxyOnly(anthropic.baseUrl()) + "/v1/messages"));
    assertThat(anthropic.requestCount()).isEqualTo(2);
    assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo("sk-ant-via-http");
    assertThat(anthropic.lastRequest().hasHeader("proxy-authorization")).as("the proxy's credentials stop at the proxy")
        .isFalse();
  }

  @Test
  void everyAccountTypeGoesThroughSocks5AndTheProxyResolvesTheName() {
    FakeTokenServer tokens = closeLater(new FakeTokenServer());
    startRelay(Map.of("CLAUDE_OAUTH_TOKEN_URL", proxyOnly(tokens.tokenUrl())));
    FakeOpenAiServer openAi = closeLater(new FakeOpenAiServer());
    FakeGeminiServer gemini = closeLater(new FakeGeminiServer());
    TestSocks5Proxy open = closeLater(new TestSocks5Proxy(null, null));
    TestSocks5Proxy authed = closeLater(new TestSocks5Proxy("suser", PROXY_PASSWORD));
    String authedUrl = "socks5://suser:" + PROXY_PASSWORD_ENCODED + "@127.0.0.1:" + authed.port();

    relay.createAccount("console", proxyOnly(anthropic.baseUrl()), "sk-ant-console", 10,
        proxyField("socks5h://127.0.0.1:" + open.port()));
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    HttpResponse<String> stream = relay.post("/api/v1/messages", key, STREAM);
    assertThat(stream.body()).contains("event: message_stop");

    relay.admin("POST", "/admin/openai-responses-accounts",
        "{\"name\":\"o\",\"baseApi\":\"" + proxyOnly(openAi.baseUrl())
            + "\",\"apiKey\":\"sk-openai\"," + proxyField(authedUrl) + "}");
    HttpResponse<String> chat = relay.send("POST", "/openai/v1/chat/completions",
        Map.of("content-type", "application/json",
            "authorization", "Bearer " + key),
        "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

    // The original's object form is accepted too.
    relay.admin("POST", "/admin/gemini-api-accounts", "{\"name\":\"g\",\"baseUrl\":\"" + proxyOnly(gemini.baseUrl())
        + "\",\"apiKey\":\"AIza-g\",\"proxy\":{\"type\":\"socks5\",\"host\":\"127.0.0.1\",\"port\":" + authed.port()
        + ",\"username\":\"suser\",\"password\":\"" + PROXY_PASSWORD + "\"}}");
    HttpResponse<String> g = relay.send("POST", "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        Map.of("content-type", "application/json", "x-goog-api-key", key),
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");
    assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
    assertThat(g.body()).contains("\"finishReason\":\"STOP\"");

    // A subscription account whose token is about to expire: the refresh goes through its proxy too.
    anthropic.reset();
    relay.admin("DELETE", "/admin/claude-console-accounts/" + consoleAccountId(), null);
    tokens.acceptRefreshToken("sk-ant-ort01-proxied");
    HttpResponse<String> created = relay.admin("POST", "/admin/claude-accounts", "{\"name\":\"sub\",\"apiUrl\":\""
        + proxyOnly(anthropic.baseUrl()) + "\"," + proxyField(authedUrl) + ",\"claudeAiOauth\":{\"accessToken\":"
        + "\"sk-ant-oat01-old\",\"refreshToken\":\"sk-ant-ort01-proxied\",\"expiresAt\":"
        + (System.currentTimeMillis() + 10_000)
        + ",\"scopes\":[\"user:inference\"]}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    HttpResponse<String> viaSubscription = relay.post("/api/v1/messages", key, BODY);
    assertThat(viaSubscription.statusCode()).as(viaSubscription.body()).isEqualTo(200);
    assertThat(tokens.refreshCalls()).isEqualTo(1);
    assertThat(anthropic.lastRequest().header("authorization")).isEqualTo("Bearer " + FakeTokenServer.accessToken(1));

    String upstreamHost = "upstream" + TestSocks5Proxy.PROXY_ONLY;
    assertThat(open.targets()).as("the name went to the proxy unresolved")
        .contains(upstreamHost + ":" + anthropic.port());
    assertThat(authed.targets()).contains(upstreamHost + ":" + port(openAi.baseUrl()),
        upstreamHost + ":" + port(gemini.baseUrl()),
        upstreamHost + ":" + port(tokens.tokenUrl()), upstreamHost + ":" + anthropic.port());
    assertThat(authed.authFailures()).isZero();
  }

  private String consoleAccountId() {
    JsonNode list = RelayNode.json(relay.admin("GET", "/admin/claude-console-accounts", null).body()).path("data");
    return list.get(0).path("id").asText();
  }

  private static int port(String url) {
    return java.net.URI.create(url).getPort();
  }

  @Test
  void anAccountWhoseProxyIsDownFailsOverToTheNextAccount() {
    startRelay(Map.of());
    String broken = relay.createAccount("dead-proxy", anthropic.baseUrl(), "sk-ant-dead", 1,
        proxyField("socks5://u:" + PROXY_PASSWORD_ENCODED + "@127.0.0.1:" + deadPort()));
    relay.createAccount("direct", anthropic.baseUrl(), "sk-ant-direct", 50, null);

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(anthropic.requestCount()).isEqualTo(1);
    assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo("sk-ant-direct");
    JsonNode view = consoleAccount(broken);
    assertThat(view.path("coolingDown").asBoolean()).isTrue();
    assertThat(view.path("coolingReason").asText()).contains("unreachable");
  }

  @Test
  void wrongHttpProxyCredentialsMakeTheAccountUnreachableNotTheRequestWrong() {
    startRelay(Map.of());
    TestHttpProxy proxy = closeLater(new TestHttpProxy("puser", "right"));
    relay.createAccount("wrong-pass", anthropic.baseUrl(), "sk-ant-wrong", 1,
        proxyField("http://puser:wrong@127.0.0.1:" + proxy.port()));
    relay.createAccount("direct", anthropic.baseUrl(), "sk-ant-direct", 50, null);

    HttpResponse<String> r = relay.post("/api/v1/messages", key, BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(proxy.refused()).isEqualTo(1);
    assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo("sk-ant-direct");
  }

  @Test
  void theAdminTestRequestGoesThroughTheProxy() {
    startRelay(Map.of());
    TestSocks5Proxy socks = closeLater(new TestSocks5Proxy("suser", PROXY_PASSWORD));
    String id = relay.createAccount("probe", proxyOnly(anthropic.baseUrl()), "sk-ant-probe", 10,
        proxyField("socks5://suser:" + PROXY_PASSWORD_ENCODED + "@127.0.0.1:" + socks.port()));

    HttpResponse<String> r = relay.admin("POST", "/admin/claude-console-accounts/" + id + "/test", "{}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("data").path("ok").asBoolean()).as(r.body()).isTrue();
    assertThat(socks.tunnels()).isGreaterThanOrEqualTo(1);
    assertThat(r.body()).doesNotContain(PROXY_PASSWORD).doesNotContain(PROXY_PASSWORD_ENCODED);
  }

  @Test
  void theProxyIsValidatedStoredEncryptedAndShownMasked() {
    startRelay(Map.of());
    for (String bad : List.of("\"proxy\":\"ftp://h:21\"", "\"proxy\":\"socks5://h\"", "\"proxy\":\"127.0.0.1:1080\"",
        "\"proxy\":42", "\"proxy\":{\"type\":\"socks5\",\"host\":\"h\"}", "\"proxy\":\"socks5://u:***@h:1080\"")) {
      HttpResponse<String> r = relay.admin("POST", "/admin/claude-console-accounts", "{\"name\":\"x\",\"apiUrl\":\""
          + anthropic.baseUrl() + "\",\"apiKey\":\"sk-ant-x\"," + bad + "}");
      assertThat(r.statusCode()).as(bad + " → " + r.body()).isEqualTo(400);
      assertThat(r.body()).contains("proxy");
    }
    HttpResponse<String> bad = relay.admin("POST", "/admin/claude-console-accounts", "{\"name\":\"x\",\"apiUrl\":\""
        + anthropic.baseUrl() + "\",\"apiKey\":\"sk-ant-x\",\"proxy\":\"ftp://h:21\"}");
    assertThat(RelayNode.json(bad.body()).toString()).contains("socks5://").contains("http://[user:pass@]host:port");

    TestSocks5Proxy socks = closeLater(new TestSocks5Proxy("suser", PROXY_PASSWORD));
    String url = "socks5://suser:" + PROXY_PASSWORD_ENCODED + "@127.0.0.1:" + socks.port();
    String id = relay.createAccount("masked", proxyOnly(anthropic.baseUrl()), "sk-ant-masked", 10, proxyField(url));

    String masked = "socks5://suser:***@127.0.0.1:" + socks.port();
    HttpResponse<String> list = relay.admin("GET", "/admin/claude-console-accounts", null);
    assertThat(list.body()).doesNotContain("PLANTED").contains(masked);
    assertThat(stored(id).proxy()).as("encrypted at rest").startsWith("v1:").doesNotContain("PLANTED")
        .doesNotContain("suser");

    // Sending the masked form back (as a console would) keeps the stored password.
    HttpResponse<String> update = relay.admin("PUT", "/admin/claude-console-accounts/" + id,
        "{\"name\":\"renamed\",\"proxy\":\"" + masked + "\"}");
    assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    assertThat(update.body()).doesNotContain("PLANTED");
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    assertThat(socks.authFailures()).isZero();
    assertThat(socks.tunnels()).isEqualTo(1);

    // A bad update is refused and changes nothing; null removes the proxy.
    assertThat(relay.admin("PUT", "/admin/claude-console-accounts/" + id, "{\"proxy\":\"socks5://h:0\"}").statusCode())
        .isEqualTo(400);
    assertThat(consoleAccount(id).path("proxy").asText()).isEqualTo(masked);
    assertThat(relay.admin("PUT", "/admin/claude-console-accounts/" + id, "{\"proxy\":null}").statusCode())
        .isEqualTo(200);
    assertThat(consoleAccount(id).path("proxy").asText()).isEmpty();
    assertThat(stored(id).proxy()).isEmpty();
  }
}
