package io.clauderelay.server.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OAuth token endpoint ({@code POST /v1/oauth/token}, JSON body as Claude Code sends it):
 * the {@code authorization_code} grant (checks the PKCE verifier against the challenge it was told
 * to expect) and the {@code refresh_token} grant (accepts only the current refresh token of each
 * lineage and rotates it). Counts calls, can be told to refuse, and to answer slowly. A test that
 * only sees the authorize URL in another process (the console's browser check) tells it the code
 * and challenge to expect through {@code POST /test/expect-code} ({@link #controlUrl()}).
 */
public final class FakeTokenServer implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Set<String> validRefreshTokens = ConcurrentHashMap.newKeySet();
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger refreshCalls = new AtomicInteger();
  private final AtomicInteger exchangeCalls = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile String expectedCode;
  private volatile String expectedChallenge;
  private volatile boolean refuseRefresh;
  private volatile long delayMs;
  private volatile long expiresInSeconds = 28_800;

  public FakeTokenServer() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").await();
  }

  public String tokenUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1/oauth/token";
  }

  /** {@code POST {code, challenge}} here does {@link #expectCode} from outside the JVM. */
  public String controlUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/test/expect-code";
  }

  /** A refresh token the endpoint accepts (until it is rotated). */
  public FakeTokenServer acceptRefreshToken(String token) {
    validRefreshTokens.add(token);
    return this;
  }

  /** The authorization code and PKCE challenge the next exchange must match. */
  public FakeTokenServer expectCode(String code, String challenge) {
    expectedCode = code;
    expectedChallenge = challenge;
    return this;
  }

  public FakeTokenServer refuseRefresh(boolean v) {
    refuseRefresh = v;
    return this;
  }

  public FakeTokenServer delay(long ms) {
    delayMs = ms;
    return this;
  }

  public FakeTokenServer expiresIn(long seconds) {
    expiresInSeconds = seconds;
    return this;
  }

  public int refreshCalls() {
    return refreshCalls.get();
  }

  public int exchangeCalls() {
    return exchangeCalls.get();
  }

  public List<JsonObject> requests() {
    return List.copyOf(requests);
  }

  /** The access token the n-th grant (1-based) issued. */
  public static String accessToken(int n) {
    return "sk-ant-oat01-issued-" + n;
  }

  public static String refreshToken(int n) {
    return "sk-ant-ort01-issued-" + n;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(b -> {
      JsonObject body;
      try {
        body = b.toJsonObject();
      } catch (RuntimeException e) {
        answer(req, 400, new JsonObject().put("error", "invalid_request"));
        return;
      }
      if (req.path().equals("/test/expect-code")) {
        expectCode(body.getString("code"), body.getString("challenge"));
        answer(req, 200, new JsonObject().put("ok", true));
        return;
      }
      requests.add(body);
      if (delayMs > 0) vertx.setTimer(delayMs, t -> grant(req, body));
      else grant(req, body);
    });
  }

  private void grant(HttpServerRequest req, JsonObject body) {
    String type = body.getString("grant_type", "");
    if (type.equals("refresh_token")) {
      refreshCalls.incrementAndGet();
      String token = body.getString("refresh_token");
      if (refuseRefresh || token == null || !validRefreshTokens.remove(token)) {
        answer(req, 400, new JsonObject().put("error", "invalid_grant").put("error_description",
            "Refresh token not found or invalid"));
        return;
      }
      issue(req);
      return;
    }
    if (type.equals("authorization_code")) {
      exchangeCalls.incrementAndGet();
      String verifier = body.getString("code_verifier", "");
      if (expectedCode == null || !expectedCode.equals(body.getString("code"))
          || !challengeOf(verifier).equals(expectedChallenge)) {
        answer(req, 400,
            new JsonObject().put("error", "invalid_grant").put("error_description", "Invalid code or verifier"));
        return;
      }
      issue(req);
      return;
    }
    answer(req, 400, new JsonObject().put("error", "unsupported_grant_type"));
  }

  private void issue(HttpServerRequest req) {
    int n = issued.incrementAndGet();
    validRefreshTokens.add(refreshToken(n));
    answer(req, 200, new JsonObject().put("token_type", "Bearer").put("access_token", accessToken(n))
        .put("refresh_token", refreshToken(n)).put("expires_in", expiresInSeconds)
        .put("scope", "user:inference user:profile"));
  }

  private static void answer(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  static String challengeOf(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
