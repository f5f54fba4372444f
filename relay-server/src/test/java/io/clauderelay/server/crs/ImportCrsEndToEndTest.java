package io.clauderelay.server.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageTotals;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.clauderelay.redis.testing.RedisClusterFixture;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.redis.testing.RespClient;
import io.clauderelay.redis.testing.SentinelTopology;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeAzureOpenAiServer;
import io.clauderelay.server.fake.FakeBedrockServer;
import io.clauderelay.server.fake.FakeGeminiServer;
import io.clauderelay.server.fake.FakeOpenAiServer;
import io.clauderelay.server.fake.TestSocks5Proxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code import-crs} against the Redis snapshot CRS v1.1.314 wrote itself: the import runs through
 * the command's entry point into a real Redis, then a relay node on that Redis serves the imported
 * keys against local fakes that check the credentials the real vendors would.
 */
class ImportCrsEndToEndTest {
  static final String SONNET = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String OPUS = SONNET.replace("claude-sonnet-4-5", "claude-opus-4-1");

  CrsFixture crs;
  RedisServerProcess target;
  FakeAnthropicServer anthropic;
  FakeOpenAiServer openai;
  FakeGeminiServer gemini;
  FakeAzureOpenAiServer azure;
  TestSocks5Proxy socks;
  JsonNode expected;
  Path workDir;
  String out;
  String err;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(CrsFixture.dir() != null, "../shared/fixtures/crs-1.1.314 is not present");
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    expected = new ObjectMapper().readTree(CrsFixture.dir().resolve("expected.json").toFile());
    crs = CrsFixture.start();
    target = RedisServerProcess.start("target-pass");
    anthropic = FakeAnthropicServer.start();
    anthropic.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
    openai = new FakeOpenAiServer();
    openai.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
    gemini = new FakeGeminiServer();
    gemini.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
    azure = new FakeAzureOpenAiServer();
    azure.deploy(account("azure1").path("deploymentName").asText(), "gpt-4o-2024-08-06")
        .acceptKey(account("azure1").path("apiKey").asText());
    JsonNode proxy = account("console2").path("proxy");
    socks = new TestSocks5Proxy(proxy.path("username").asText(), proxy.path("password").asText());
    // The snapshot's accounts point at the real vendors and at a proxy that does not exist: re-point them in CRS.
    crs.hset("claude_console_account:" + id("console1"), "apiUrl", anthropic.baseUrl());
    crs.hset("claude_console_account:" + id("console2"), "apiUrl", anthropic.baseUrl());
    crs.hset("claude_console_account:" + id("console2"), "proxy",
        "{\"type\":\"socks5\",\"host\":\"127.0.0.1\",\"port\":"
            + socks.port() + ",\"username\":\"" + proxy.path("username").asText() + "\",\"password\":\""
            + proxy.path("password").asText() + "\"}");
    crs.hset("claude:account:" + id("oauth1"), "apiUrl", anthropic.baseUrl());
    // The snapshot's access token expired at a fixed date: move its expiry (the hash field CRS reads) ahead, so the
    // account test uses the token itself rather than a refresh.
    crs.hset("claude:account:" + id("oauth1"), "expiresAt", Long.toString(inSixHours()));
    crs.hset("openai_responses_account:" + id("openai1"), "baseApi", openai.baseUrl() + "/v1");
    crs.hset("gemini_api_account:" + id("gemini1"), "baseUrl", gemini.baseUrl());
    crs.hset("azure_openai:account:" + id("azure1"), "azureEndpoint", azure.baseUrl());
    // Both serve the OpenAI pool now: the OpenAI account first, so the requests below know where they go.
    crs.hset("openai_responses_account:" + id("openai1"), "priority", "1");
    crs.hset("azure_openai:account:" + id("azure1"), "priority", "100");
    workDir = Files.createTempDirectory("import-crs");
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[]{socks, azure, gemini, openai, anthropic, target, crs}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }

  JsonNode account(String label) {
    return expected.path("accounts").path(label);
  }

  String id(String accountLabel) {
    return account(accountLabel).path("id").asText();
  }

  String keyId(String label) {
    return expected.path("keys").path(label).path("id").asText();
  }

  String key(String label) {
    return expected.path("keys").path(label).path("key").asText();
  }

  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("ENCRYPTION_KEY", crs.env.get("ENCRYPTION_KEY")); // the seed's one .env: CRS and the relay share it
    env.put("TIMEZONE_OFFSET", crs.env.get("TIMEZONE_OFFSET"));
    env.put("REDIS_HOST", "127.0.0.1");
    env.put("REDIS_PORT", Integer.toString(target.port()));
    env.put("REDIS_PASSWORD", "target-pass");
    env.put("JWT_SECRET", "test-jwt-secret-that-is-long-enough-0123456789");
    env.put("NODE_ENV", "test");
    env.put("DATA_DIR", workDir.resolve("data").toString());
    env.put("LOG_DIR", workDir.resolve("logs").toString());
    // Never the real platform.claude.com: a refresh attempt here fails fast on a closed loopback port.
    env.put("CLAUDE_OAUTH_TOKEN_URL", "http://127.0.0.1:9/v1/oauth/token");
    env.putAll(extra);
    env.values().removeIf(String::isEmpty); // "" in extra: unset
    return env;
  }

  int importCrs(Map<String, String> extraEnv, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ImportCrsCommand.run(List.of(args), RelayConfig.load(env(extraEnv), workDir),
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  RelayNode node() {
    Map<String, String> env = env(Map.of());
    env.remove("DATA_DIR");
    env.remove("LOG_DIR");
    return new RelayNode(env);
  }

  long targetKeys() throws IOException {
    return (Long) RespClient.call(target.port(), "target-pass", "DBSIZE");
  }

  /** Every secret the fixture holds: none may appear in what the command prints. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(List.of(crs.env.get("ENCRYPTION_KEY"), crs.env.get("ADMIN_PASSWORD"),
        account("console2").path("proxy").path("password").asText()));
    expected.path("keys").forEach(k -> s.add(k.path("key").asText()));
    expected.path("accounts").forEach(a -> List.of("apiKey", "accessToken", "refreshToken", "secretAccessKey")
        .forEach(f -> {
          if (a.hasNonNull(f)) s.add(a.path(f).asText());
        }));
    return s;
  }

  HttpResponse<String> messages(RelayNode node, String key, String body, String userAgent) {
    Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json", "x-api-key", key));
    if (userAgent != null) h.put("user-agent", userAgent);
    return node.send("POST", "/api/v1/messages", h, body);
  }

  @Test
  void theBedrockAccountCrsWroteIsImportedWithItsKeysAndSignsRequestsTheFakeBedrockAccepts() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    JsonNode bedrock = account("bedrock1");
    try (RelayNode node = node();
        FakeBedrockServer fake = new FakeBedrockServer(bedrock.path("region").asText())
            .withAccessKey(bedrock.path("accessKeyId").asText(), bedrock.path("secretAccessKey").asText())) {
      var accounts = node.app.accounts();
      Account imported = accounts.findById(id("bedrock1")).toCompletableFuture().join().orElseThrow();
      assertThat(imported.type()).isEqualTo(AccountType.BEDROCK);
      assertThat(imported.priority()).isEqualTo(70);
      assertThat(imported.baseUrl()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
      BedrockCredential c = BedrockCredential.parse(node.app.cipher().decrypt(imported.credential()));
      assertThat(c.accessKeyId()).isEqualTo(bedrock.path("accessKeyId").asText());
      assertThat(c.secretAccessKey()).isEqualTo(bedrock.path("secretAccessKey").asText());
      assertThat(c.defaultModel()).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");

      // Only the Bedrock account in the pool, pointed at the fake: a CRS key's request is signed with CRS's keys.
      java.time.Instant now = java.time.Instant.now();
      for (Account a : accounts.list().toCompletableFuture().join()) {
        Account changed = a.id().equals(imported.id())
            ? new Account(a.id(), a.type(), a.name(), a.description(), fake.baseUrl(), a.credential(), a.priority(),
                a.active(), a.schedulable(), a.status(), a.errorMessage(), a.models(), a.maxConcurrency(),
                a.dailyQuotaMicros(), a.dedicated(), a.groups(), a.proxy(), a.createdAt(), now)
            : a.withSchedulable(false, now);
        accounts.save(changed).toCompletableFuture().join();
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      HttpResponse<String> r;
      do {
        r = messages(node, key("plain"), SONNET, null);
      } while (fake.requests().isEmpty() && System.nanoTime() < deadline);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(fake.signatureChecks).containsOnly(true);
      assertThat(fake.lastRequest().path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
    }
  }

  @Test
  void aBearerTokenBedrockAccountInCrsSchemeIsImportedWithItsToken() throws Exception {
    String id = "0b4e6c1a-0000-4000-8000-00000000b3a7";
    crs.call("SET", "bedrock_account:" + id, "{\"id\":\"" + id + "\",\"name\":\"bedrock-bearer\",\"region\":"
        + "\"eu-west-1\",\"isActive\":true,\"schedulable\":true,\"priority\":40,\"accountType\":\"shared\","
        + "\"credentialType\":\"bearer_token\",\"type\":\"bedrock\",\"bearerToken\":"
        + crsBedrockSeal("{\"token\":\"bedrock-api-key-from-crs\"}") + "}");
    crs.call("SADD", "bedrock_account:index", id);

    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("accounts: 8 new").doesNotContain("bedrock-api-key-from-crs");

    try (RelayNode node = node()) {
      Account imported = node.app.accounts().findById(id).toCompletableFuture().join().orElseThrow();
      BedrockCredential c = BedrockCredential.parse(node.app.cipher().decrypt(imported.credential()));
      assertThat(c.bearer()).isTrue();
      assertThat(c.bearerToken()).isEqualTo("bedrock-api-key-from-crs");
      assertThat(c.region()).isEqualTo("eu-west-1");
      assertThat(imported.baseUrl()).isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");
    }
  }

  /** CRS's Bedrock scheme (bedrockAccountService.js): AES-256-CBC, key SHA-256(ENCRYPTION_KEY), {encrypted, iv} in hex. */
  String crsBedrockSeal(String plaintext) throws Exception {
    byte[] key = java.security.MessageDigest.getInstance("SHA-256")
        .digest(crs.env.get("ENCRYPTION_KEY").getBytes(StandardCharsets.UTF_8));
    byte[] iv = new byte[16];
    new java.security.SecureRandom().nextBytes(iv);
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.IvParameterSpec(iv));
    java.util.HexFormat hex = java.util.HexFormat.of();
    return "{\"encrypted\":\"" + hex.formatHex(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8))) + "\",\"iv\":\""
        + hex.formatHex(iv) + "\"}";
  }

  @Test
  void importedKeysAuthenticateUnchangedAndEveryAccountReachesItsUpstreamWithItsOriginalSecret() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("keys: 10 new").contains("accounts: 7 new")
        .doesNotContain("Bedrock accounts are not served").doesNotContain("Azure OpenAI accounts are not served")
        .contains("admin: 1 new");
    for (String secret : secrets()) assertThat(out + err).doesNotContain(secret);

    try (RelayNode node = node()) {
      // CRS's usage and spend came along, exactly: $0.00336 over 5 requests for the plain key.
      JsonNode plain = node.totals(key("plain"));
      assertThat(plain.path("requests").asLong()).isEqualTo(5);
      assertThat(plain.path("inputTokens").asLong()).isEqualTo(70);
      assertThat(plain.path("outputTokens").asLong()).isEqualTo(210);
      assertThat(plain.path("cost").decimalValue()).isEqualByComparingTo("0.00336");
      assertThat(node.totals(key("limited")).path("cost").decimalValue()).isEqualByComparingTo("0.007362");

      // Per day, week, month and model, in CRS's own buckets (TIMEZONE_OFFSET=8): the ids are the fixture's, not today's.
      UsageBuckets crsDay = new UsageBuckets("2026-12-04", "2026-12-04:10", "2026-12", "2026-11-30T00");
      KeyUsage limitedUsage = node.app.ledger()
          .keyUsage(keyId("limited"), crsDay, 60, java.time.Instant.now())
          .toCompletableFuture().join();
      assertThat(limitedUsage.dailyCostMicros()).isEqualTo(7362);
      assertThat(limitedUsage.weeklyCostMicros()).as("this week's Claude cost").isEqualTo(7362);
      assertThat(limitedUsage.totalCostMicros()).isEqualTo(7362);
      assertThat(limitedUsage.month().requests()).isEqualTo(3);
      Map<String, UsageTotals> byModel = node.app.ledger().keyModelTotals(keyId("limited"), "2026-12-04")
          .toCompletableFuture().join();
      assertThat(byModel.get("claude-opus-4-1").requests()).isEqualTo(2);
      assertThat(byModel.get("claude-sonnet-4-5").requests()).isEqualTo(1);
      assertThat(node.app.ledger().recentRecords(keyId("plain"), 10).toCompletableFuture().join())
          .as("CRS's recent records").hasSize(5)
          .allSatisfy(rec -> assertThat(rec.model()).isEqualTo("claude-sonnet-4-5"));

      Account console1 = node.app.accounts().findById(id("console1")).toCompletableFuture().join()
          .orElseThrow();
      assertThat(console1.priority()).isEqualTo(10);
      assertThat(console1.maxConcurrency()).isEqualTo(4);
      assertThat(console1.dailyQuotaMicros()).isEqualTo(50_000_000L);
      assertThat(console1.dedicated()).isFalse();
      Account console2 = node.app.accounts().findById(id("console2")).toCompletableFuture().join()
          .orElseThrow();
      assertThat(console2.groups()).containsExactly(account("console2").path("groupId").asText());
      assertThat(console2.dedicated()).as("a group account serves its group only").isTrue();
      assertThat(console2.proxy()).as("encrypted, unlike CRS")
          .doesNotContain(account("console2").path("proxy").path("password").asText());

      HttpResponse<String> r = messages(node, key("plain"), SONNET, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(anthropic.lastRequest().credential()).isEqualTo(account("console1").path("apiKey").asText());
      ApiKey moved = node.app.keys().findById(expected.path("keys").path("plain").path("id").asText())
          .toCompletableFuture().join().orElseThrow();
      assertThat(moved.hash()).as("moved to our hash on first use")
          .isEqualTo(node.app.hasher().hash(key("plain")));
      assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
      RelayNode.awaitUntil(() -> node.totals(key("plain")).path("requests").asLong() >= 7);
      assertThat(node.totals(key("plain")).path("requests").asLong()).as("counted once per request").isEqualTo(7);

      try (RelayNode second = node()) {
        // Another node: the moved key by our hash, a key not used yet by CRS's; then back on the first node.
        assertThat(messages(second, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
        assertThat(messages(second, key("limited"), SONNET, null).statusCode()).isEqualTo(200);
        assertThat(messages(node, key("limited"), SONNET, null).statusCode()).isEqualTo(200);
        // The second node's aggregates reach Redis with its next flush (within 1 s).
        RelayNode.awaitUntil(() -> node.totals(key("limited")).path("requests").asLong() >= 5);
        assertThat(node.totals(key("limited")).path("requests").asLong()).as("3 in CRS + 2 here").isEqualTo(5);
      }
      ApiKey activation = node.app.keys()
          .findById(expected.path("keys").path("activation").path("id").asText())
          .toCompletableFuture().join().orElseThrow();
      assertThat(activation.expiry().awaitingActivation()).isTrue();
      assertThat(activation.expiry().activationPeriod()).isEqualTo(java.time.Duration.ofDays(30));
      ApiKey limited = node.app.keys().findById(expected.path("keys").path("limited").path("id").asText())
          .toCompletableFuture().join().orElseThrow();
      assertThat(limited.limits().totalCostMicros()).isEqualTo(300_000_000L);
      assertThat(limited.limits().weeklyCostMicros()).isEqualTo(40_000_000L);
      assertThat(limited.limits().windowCostMicros()).isEqualTo(5_000_000L);
      assertThat(limited.limits().concurrency()).isEqualTo(3);
      assertThat(limited.tags()).containsExactly("team-a", "cli");

      assertThat(messages(node, key("spent"), SONNET, null).statusCode()).as("total cost limit already spent in CRS")
          .isEqualTo(402);
      assertThat(messages(node, key("disabled"), SONNET, null).statusCode()).isIn(401, 403);
      assertThat(messages(node, key("deleted"), SONNET, null).statusCode()).isEqualTo(401);

      String claudeCode = "claude-cli/1.0.69 (external, cli)";
      assertThat(messages(node, key("restricted"), SONNET, null).statusCode()).as("Claude Code only").isEqualTo(403);
      assertThat(messages(node, key("restricted"), OPUS, claudeCode).statusCode()).as("opus blacklisted")
          .isEqualTo(403);
      assertThat(messages(node, key("restricted"), SONNET, claudeCode).statusCode()).isEqualTo(200);
      assertThat(node.send("POST", "/openai/v1/responses", Map.of("content-type", "application/json",
          "authorization", "Bearer " + key("restricted")), "{\"model\":\"gpt-4.1\",\"input\":\"Hi\"}").statusCode())
          .as("permissions: claude only").isEqualTo(403);

      assertThat(messages(node, key("dedicated"), SONNET, null).statusCode()).isEqualTo(200);
      assertThat(anthropic.lastRequest().credential()).isEqualTo(account("console1").path("apiKey").asText());
      assertThat(messages(node, key("grouped"), SONNET, null).statusCode()).isEqualTo(200);
      assertThat(anthropic.lastRequest().credential()).isEqualTo(account("console2").path("apiKey").asText());
      assertThat(socks.tunnels()).as("console 2's proxy, with its user and password").isPositive();

      HttpResponse<String> o = node.send("POST", "/openai/v1/responses", Map.of("content-type", "application/json",
          "authorization", "Bearer " + key("plain")), "{\"model\":\"gpt-4.1\",\"input\":\"Hi\"}");
      assertThat(o.statusCode()).as(o.body()).isEqualTo(200);
      assertThat(openai.lastRequest().header("authorization"))
          .isEqualTo("Bearer " + account("openai1").path("apiKey").asText());
      HttpResponse<String> g = node.send("POST", "/gemini/v1beta/models/gemini-2.5-flash:generateContent",
          Map.of("content-type", "application/json", "x-goog-api-key", key("plain")),
          "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");
      assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
      assertThat(gemini.lastRequest().header("x-goog-api-key")).isEqualTo(account("gemini1").path("apiKey").asText());

      // The operator logs in as in CRS; the OAuth account then answers its test with its own access token.
      HttpResponse<String> login = node.send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
          "{\"username\":\"" + crs.env.get("ADMIN_USERNAME") + "\",\"password\":\"" + crs.env.get("ADMIN_PASSWORD")
              + "\"}");
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      String token = RelayNode.json(login.body()).path("token").asText();
      // The Azure account came with its deployment and its key, decrypted with CRS's Azure salt.
      Account azure1 = node.app.accounts().findById(id("azure1")).toCompletableFuture().join()
          .orElseThrow();
      assertThat(azure1.type()).isEqualTo(io.clauderelay.domain.account.AccountType.AZURE_OPENAI);
      assertThat(azure1.option("deploymentName", null)).isEqualTo(account("azure1").path("deploymentName").asText());
      HttpResponse<String> azureTest = node.send("POST", "/admin/azure-openai-accounts/" + id("azure1") + "/test",
          Map.of("content-type", "application/json", "authorization", "Bearer " + token), "{}");
      assertThat(RelayNode.json(azureTest.body()).path("data").path("ok").asBoolean()).as(azureTest.body()).isTrue();
      assertThat(azure.lastRequest().header("api-key")).isEqualTo(account("azure1").path("apiKey").asText());
      assertThat(azure.lastRequest().path())
          .isEqualTo("/openai/deployments/" + account("azure1").path("deploymentName").asText() + "/chat/completions");
      HttpResponse<String> test = node.send("POST", "/admin/claude-accounts/" + id("oauth1") + "/test",
          Map.of("content-type", "application/json", "authorization", "Bearer " + token),
          "{\"model\":\"claude-sonnet-4-5\"}");
      assertThat(RelayNode.json(test.body()).path("data").path("ok").asBoolean()).as(test.body()).isTrue();
      assertThat(anthropic.lastRequest().credential()).isEqualTo(account("oauth1").path("accessToken").asText());
      long deadline = System.nanoTime() + 10_000_000_000L;
      String hash = "";
      while (System.nanoTime() < deadline && !hash.startsWith("pbkdf2")) {
        hash = node.app.admin().credentials().toCompletableFuture().join().orElseThrow().passwordHash();
        Thread.sleep(50);
      }
      assertThat(hash).as("CRS's bcrypt hash becomes ours at the first login").startsWith("pbkdf2-sha256$");
    }
  }

  @Test
  void crsWebhookSettingsCarryOverEncryptedAndShowMasked() throws Exception {
    String botToken = "123456:crs-telegram-bot-token";
    String signSecret = "SECcrs-dingtalk-sign-secret";
    crs.call("SET", "webhook_config:default", "{\"enabled\":true,\"platforms\":[{\"id\":\"p1\",\"type\":\"dingtalk\","
        + "\"name\":\"ops\",\"url\":\"https://oapi.dingtalk.com/robot/send?access_token=crs-tok\",\"enableSign\":true,"
        + "\"secret\":\"" + signSecret + "\",\"enabled\":true},{\"id\":\"p2\",\"type\":\"telegram\",\"botToken\":\""
        + botToken + "\",\"chatId\":\"-1001\",\"enabled\":false}],\"notificationTypes\":{\"quotaWarning\":false}}");
    try {
      assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
      assertThat(out).contains("webhook: 1 new").contains("webhook: 2 platforms, notifications on");
      assertThat(out + err).doesNotContain(botToken).doesNotContain(signSecret).doesNotContain("crs-tok");
      try (RelayNode node = node()) {
        // What GET /admin/webhook/config shows (the imported admin is CRS's, so read it without logging in).
        JsonNode config = new io.clauderelay.server.alert.WebhookConfigStore(node.app.settings(),
            node.app.cipher(),
            java.time.Clock.systemUTC()).load().toCompletableFuture().join().shown();
        assertThat(config.path("enabled").asBoolean()).isTrue();
        assertThat(config.path("notificationTypes").path("quotaWarning").asBoolean(true)).isFalse();
        assertThat(config.path("platforms")).hasSize(2);
        assertThat(config.toString()).doesNotContain(botToken).doesNotContain(signSecret);
        String stored = node.app.settings().get("webhook").toCompletableFuture().join().orElseThrow();
        assertThat(stored).doesNotContain(botToken).doesNotContain("dingtalk");
        assertThat(node.app.cipher().decrypt(stored)).contains(botToken).contains(signSecret);
      }
      assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
      assertThat(out).contains("webhook: 1 unchanged");
    } finally {
      crs.call("DEL", "webhook_config:default");
    }
  }

  @Test
  void anAzureAccountWithoutAnApiVersionGetsOneThatReportsStreamUsageAndTheReportSaysSo() throws Exception {
    crs.hset("azure_openai:account:" + id("azure1"), "apiVersion", "");

    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();

    assertThat(out).contains("apiVersion was empty (CRS sent 2024-02-01): imported as 2025-04-01-preview");
    try (RelayNode node = node()) {
      Account azure1 = node.app.accounts().findById(id("azure1")).toCompletableFuture().join()
          .orElseThrow();
      assertThat(azure1.option("apiVersion", null)).isEqualTo("2025-04-01-preview");
    }
  }

  @Test
  void aDryRunPrintsTheFullReportAndWritesNothing() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url(), "--dry-run")).as(err).isZero();
    assertThat(out).contains("(dry run)").contains("keys: 10 new").contains("accounts: 7 new")
        .contains("usage: 13 requests").contains("dry run: nothing was written");
    assertThat(targetKeys()).isZero();
  }

  @Test
  void aRerunChangesNothingAndALaterOneBringsOnlyWhatIsNew() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    long written = targetKeys();
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("keys: 10 unchanged").contains("accounts: 7 unchanged").contains("usage: 0 requests")
        .contains("nothing new since the last import");
    assertThat(targetKeys()).isEqualTo(written);

    // CRS keeps serving: one more request of the plain key (as CRS counts it), then a rerun adds exactly that.
    String plainId = expected.path("keys").path("plain").path("id").asText();
    String bucket = "usage:" + plainId + ":model:daily:claude-sonnet-4-5:";
    String day = ((List<?>) crs.call("KEYS", bucket + "*")).get(0).toString().substring(bucket.length());
    crs.call("HINCRBY", bucket + day, "requests", "1");
    crs.call("HINCRBY", bucket + day, "inputTokens", "14");
    crs.call("HINCRBY", bucket + day, "ratedCostMicro", "672");
    crs.call("HINCRBY", bucket + day, "realCostMicro", "672");
    for (String level : List.of("monthly:claude-sonnet-4-5:" + day.substring(0, 7), "alltime:claude-sonnet-4-5")) {
      for (String[] f : new String[][]{{"requests", "1"}, {"inputTokens", "14"}, {"ratedCostMicro", "672"},
          {"realCostMicro", "672"}}) {
        crs.call("HINCRBY", "usage:" + plainId + ":model:" + level, f[0], f[1]);
      }
    }
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("keys: 10 unchanged").contains("usage: 1 requests, $0.000672 rated cost");
    try (RelayNode node = node()) {
      JsonNode plain = node.totals(key("plain"));
      assertThat(plain.path("requests").asLong()).isEqualTo(6);
      assertThat(plain.path("inputTokens").asLong()).isEqualTo(84);
      assertThat(plain.path("cost").decimalValue()).isEqualByComparingTo("0.004032");
    }
  }

  @Test
  void aWrongCrsKeyIsOneLineNamingTheVariableExitsNonZeroAndWritesNothing() throws Exception {
    int code = importCrs(Map.of("CRS_ENCRYPTION_KEY", "not-the-key-crs-ran-with"), "--from", crs.url());
    assertThat(code).isEqualTo(1);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("CRS_ENCRYPTION_KEY").contains("ENCRYPTION_KEY").contains("nothing was written")
        .doesNotContain("not-the-key-crs-ran-with");
    assertThat(targetKeys()).isZero();
  }

  @Test
  void anUnreachableCrsRedisIsOneClearLine() throws Exception {
    int code = importCrs(Map.of(), "--from", "redis://:secret-pw@127.0.0.1:" + RedisServerProcess.freePort());
    assertThat(code).isEqualTo(1);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("cannot read the CRS Redis at 127.0.0.1:").doesNotContain("secret-pw");
    assertThat(targetKeys()).isZero();
  }

  @Test
  void anUnparseableRecordIsReportedAndSkippedAndTheRestImported() throws Exception {
    crs.hset("apikey:" + expected.path("keys").path("limited").path("id").asText(), "dailyCostLimit", "twenty");
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("keys: 9 new, 1 skipped (unreadable)")
        .contains("dailyCostLimit is not an amount of dollars")
        .doesNotContain("twenty");
    try (RelayNode node = node()) {
      assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
      assertThat(messages(node, key("limited"), SONNET, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void importsFromCrsBehindSentinelIntoTheRelaysStoreOnTheSameRedis() throws Exception {
    // The seed's case: CRS's data lives in the Sentinel-watched Redis the relay will use too.
    try (SentinelTopology sentinel = SentinelTopology.start("sentinel-pass")) {
      List<String> keys = new ArrayList<>();
      ((List<?>) crs.call("KEYS", "*")).forEach(k -> keys.add(k.toString()));
      List<String> migrate = new ArrayList<>(
          List.of("MIGRATE", "127.0.0.1", Integer.toString(sentinel.masterPort()), "", "0",
              "10000", "COPY", "AUTH", "sentinel-pass", "KEYS"));
      migrate.addAll(keys);
      crs.call(migrate.toArray(String[]::new));
      Map<String, String> onSentinel = new HashMap<>(Map.of("REDIS_SENTINEL_ENABLED", "true",
          "REDIS_SENTINEL_HOSTS", String.join(",", sentinel.sentinelHostPorts()), "REDIS_PASSWORD", "sentinel-pass",
          "REDIS_HOST", "", "REDIS_PORT", ""));
      int code = importCrs(onSentinel, "--sentinels", String.join(",", sentinel.sentinelHostPorts()), "--master",
          SentinelTopology.MASTER_NAME, "--password", "sentinel-pass");
      assertThat(code).as(err).isZero();
      assertThat(out).contains("keys: 10 new").doesNotContain("sentinel-pass");
      assertThat(
          sentinel.callMaster("HGET", "apikey:" + expected.path("keys").path("plain").path("id").asText(), "name"))
          .as("CRS's own records are only read").isEqualTo("alice-d");
      Map<String, String> env = env(onSentinel);
      env.remove("REDIS_HOST");
      env.remove("REDIS_PORT");
      env.remove("DATA_DIR");
      env.remove("LOG_DIR");
      try (RelayNode node = new RelayNode(env)) {
        assertThat(node.totals(key("plain")).path("requests").asLong()).isEqualTo(5);
        assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
        assertThat(anthropic.lastRequest().credential()).isEqualTo(account("console1").path("apiKey").asText());
      }
    }
  }

  /** The other target: a relay whose store is a Redis Cluster ({@code REDIS_CLUSTER_NODES}). */
  @Nested
  class OnARedisCluster {
    @RegisterExtension
    static final RedisClusterFixture cluster = RedisClusterFixture.perClass();

    @Test
    void importsIntoTheRelaysStoreOnARedisClusterAndTheKeysWorkThere() throws Exception {
      String seeds = String.join(",", cluster.nodes().stream().map(n -> "127.0.0.1:" + n.port()).toList());
      Map<String, String> onCluster = new HashMap<>(Map.of("REDIS_CLUSTER_NODES", seeds, "REDIS_PASSWORD",
          RedisClusterFixture.PASSWORD, "REDIS_HOST", "", "REDIS_PORT", ""));
      assertThat(importCrs(onCluster, "--from", crs.url())).as(err).isZero();
      assertThat(out).contains("keys: 10 new").doesNotContain(RedisClusterFixture.PASSWORD);
      assertThat(targetKeys()).as("nothing went to the standalone Redis").isZero();
      Map<String, String> env = env(onCluster);
      env.remove("DATA_DIR");
      env.remove("LOG_DIR");
      try (RelayNode node = new RelayNode(env)) {
        assertThat(node.totals(key("plain")).path("requests").asLong()).as("CRS's usage").isEqualTo(5);
        assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
        assertThat(anthropic.lastRequest().credential()).isEqualTo(account("console1").path("apiKey").asText());
        assertThat(messages(node, key("spent"), SONNET, null).statusCode()).isEqualTo(402);
      }
      assertThat(cluster.keysPerNode()).as("spread over the masters").allMatch(n -> n > 0);
    }
  }

  static long inSixHours() {
    return System.currentTimeMillis() + java.time.Duration.ofHours(6).toMillis();
  }

  @Test
  void aTokenCrsRefreshedIsImportedNotTheOnePastedAtCreation() throws Exception {
    // CRS's refresh rewrites the hash's accessToken/refreshToken/expiresAt and leaves the claudeAiOauth JSON as
    // pasted, whose refresh token the refresh rotated away. (Values without ':' are CRS's plaintext form.)
    String access = "sk-ant-oat01-refreshed-by-crs-" + System.nanoTime();
    String refresh = "sk-ant-ort01-rotated-by-crs-" + System.nanoTime();
    crs.hset("claude:account:" + id("oauth1"), "accessToken", access);
    crs.hset("claude:account:" + id("oauth1"), "refreshToken", refresh);
    crs.hset("claude:account:" + id("oauth1"), "expiresAt", Long.toString(inSixHours()));
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out + err).doesNotContain(access).doesNotContain(refresh);
    try (RelayNode node = node()) {
      HttpResponse<String> login = node.send("POST", "/web/auth/login", Map.of("content-type", "application/json"),
          "{\"username\":\"" + crs.env.get("ADMIN_USERNAME") + "\",\"password\":\"" + crs.env.get("ADMIN_PASSWORD")
              + "\"}");
      String token = RelayNode.json(login.body()).path("token").asText();
      HttpResponse<String> test = node.send("POST", "/admin/claude-accounts/" + id("oauth1") + "/test",
          Map.of("content-type", "application/json", "authorization", "Bearer " + token),
          "{\"model\":\"claude-sonnet-4-5\"}");
      assertThat(RelayNode.json(test.body()).path("data").path("ok").asBoolean()).as(test.body()).isTrue();
      assertThat(anthropic.lastRequest().credential()).as("the live token, not claudeAiOauth's").isEqualTo(access);
    }
  }

  @Test
  void aKeyChangedInCrsSinceTheLastRunIsUpdatedAndKeepsTheHashItMovedToHere() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    try (RelayNode node = node()) {
      assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200); // moves it to our hash
    }
    crs.hset("apikey:" + keyId("plain"), "name", "alice-renamed");
    crs.hset("apikey:" + keyId("plain"), "dailyCostLimit", "7.5");
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("keys: 9 unchanged, 1 updated");
    try (RelayNode node = node()) {
      ApiKey plain = node.app.keys().findById(keyId("plain")).toCompletableFuture().join().orElseThrow();
      assertThat(plain.name()).isEqualTo("alice-renamed");
      assertThat(plain.limits().dailyCostMicros()).isEqualTo(7_500_000L);
      assertThat(plain.hash()).isEqualTo(node.app.hasher().hash(key("plain")));
      assertThat(messages(node, key("plain"), SONNET, null).statusCode()).isEqualTo(200);
      // The request settles after its answer; the aggregates follow the settlement's reply.
      RelayNode.awaitUntil(() -> node.totals(key("plain")).path("requests").asLong() >= 7);
      assertThat(node.totals(key("plain")).path("requests").asLong()).as("5 from CRS + 2 here, none twice")
          .isEqualTo(7);
    }
  }

  @Test
  void aRequestSeenFirstAsARecordAndLaterInANewDayBucketCountsOnce() throws Exception {
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    String id = keyId("plain");
    // CRS served one more request on a new day; this run sees its record and the month/all-time counts, not yet its day bucket.
    crs.call("LPUSH", "usage:records:" + id,
        "{\"timestamp\":\"2026-12-05T01:00:00.000Z\",\"model\":\"claude-sonnet-4-5\","
            + "\"requestId\":\"late-1\",\"statusCode\":200,\"inputTokens\":14,\"outputTokens\":42,\"cacheCreateTokens\":0,"
            + "\"cacheReadTokens\":0,\"cost\":0.000672,\"realCost\":0.000672}");
    String[][] fields = {{"requests", "1"}, {"inputTokens", "14"}, {"outputTokens", "42"}, {"ratedCostMicro", "672"},
        {"realCostMicro", "672"}};
    for (String level : List.of("monthly:claude-sonnet-4-5:2026-12", "alltime:claude-sonnet-4-5")) {
      for (String[] f : fields) crs.call("HINCRBY", "usage:" + id + ":model:" + level, f[0], f[1]);
    }
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("usage: 1 requests, $0.000672 rated cost, in 1 settlements");
    for (String[] f : fields)
      crs.call("HINCRBY", "usage:" + id + ":model:daily:claude-sonnet-4-5:2026-12-05", f[0], f[1]);
    assertThat(importCrs(Map.of(), "--from", crs.url())).as(err).isZero();
    assertThat(out).contains("usage: 0 requests").contains("nothing new since the last import");
    try (RelayNode node = node()) {
      assertThat(node.totals(key("plain")).path("requests").asLong()).isEqualTo(6);
      assertThat(node.totals(key("plain")).path("cost").decimalValue()).isEqualByComparingTo("0.004032");
      assertThat(node.app.ledger().keyModelTotals(id, "2026-12-05").toCompletableFuture().join()
          .get("claude-sonnet-4-5").requests()).isEqualTo(1);
    }
  }
}
