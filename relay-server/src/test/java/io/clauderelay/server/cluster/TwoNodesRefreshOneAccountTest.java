package io.clauderelay.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakeTokenServer;
import io.clauderelay.server.fake.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two relay nodes on one real Redis share one subscription account whose token is about to
 * expire: requests arriving at both nodes at once cause exactly one call to the token endpoint,
 * and every request goes upstream with the one new token.
 */
class TwoNodesRefreshOneAccountTest {
  static final String PASSWORD = "oauth-race";

  RedisServerProcess redis;
  FakeTokenServer tokens;
  FakeAnthropicServer upstream;
  RelayNode a;
  RelayNode b;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() {
    assumeTrue(RedisServerProcess.available(), "redis-server not installed");
    redis = RedisServerProcess.start(PASSWORD);
    tokens = new FakeTokenServer();
    upstream = FakeAnthropicServer.start();
    Map<String, String> env = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()),
        "REDIS_PASSWORD", PASSWORD, "CLAUDE_OAUTH_TOKEN_URL", tokens.tokenUrl());
    a = new RelayNode(env);
    b = new RelayNode(env);
  }

  @AfterEach
  void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (upstream != null) upstream.close();
    if (tokens != null) tokens.close();
    if (redis != null) redis.close();
  }

  @Test
  void requestsOnTwoNodesRefreshingOneAccountCauseExactlyOneRefreshCall() {
    tokens.acceptRefreshToken("sk-ant-ort01-shared").delay(400);
    HttpResponse<String> created = a.admin("POST", "/admin/claude-accounts", "{\"name\":\"shared\",\"apiUrl\":\""
        + upstream.baseUrl() + "\",\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-expiring\",\"refreshToken\":"
        + "\"sk-ant-ort01-shared\",\"expiresAt\":" + (System.currentTimeMillis() + 20_000) + "}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String key = a.createKey("{\"name\":\"race\"}");

    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RelayNode node = i % 2 == 0 ? a : b;
      HttpRequest req = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/messages"))
          .timeout(Duration.ofSeconds(60))
          .header("x-api-key", key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}"))
          .build();
      all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
    }

    assertThat(all.stream().map(CompletableFuture::join)).containsOnly(200).hasSize(10);
    assertThat(tokens.refreshCalls()).isEqualTo(1);
    assertThat(upstream.requests()).hasSize(10).extracting(RecordedRequest::credential)
        .containsOnly(FakeTokenServer.accessToken(1));
  }
}
