package io.clauderelay.server.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.oauth.OAuthClientSettings;
import io.clauderelay.domain.oauth.TokenGrant;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import java.io.IOException;
import java.time.Duration;

/**
 * Calls the OAuth token endpoint as Claude Code does (JSON body): the authorization-code exchange
 * of onboarding and the refresh-token grant. A refusal fails with {@link TokenEndpointException},
 * whose message carries the endpoint's error but never a token. Each call goes through the
 * account's proxy when it has one, as the original does.
 */
public final class TokenEndpointClient {
  private static final long TIMEOUT_MS = 30_000;
  private static final int MAX_SHOWN = 300;

  private final HttpClientAgent http;
  private final OAuthClientSettings settings;

  public TokenEndpointClient(HttpClientAgent http, OAuthClientSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** A token endpoint refusal or failure, described without secrets. */
  public static final class TokenEndpointException extends RuntimeException {
    public TokenEndpointException(String message) {
      super(message, null, false, false);
    }
  }

  public Future<TokenGrant> exchange(String code, String verifier, String state, ProxyOptions proxy) {
    ObjectNode body = OAuthCredentialJson.JSON.createObjectNode();
    body.put("grant_type", "authorization_code").put("client_id", settings.clientId()).put("code", code)
        .put("redirect_uri", settings.redirectUri()).put("code_verifier", verifier);
    if (state != null) body.put("state", state);
    return post(body, proxy);
  }

  public Future<TokenGrant> refresh(String refreshToken, ProxyOptions proxy) {
    ObjectNode body = OAuthCredentialJson.JSON.createObjectNode();
    body.put("grant_type", "refresh_token").put("refresh_token", refreshToken).put("client_id", settings.clientId());
    return post(body, proxy);
  }

  private Future<TokenGrant> post(ObjectNode body, ProxyOptions proxy) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(settings.tokenUrl())
        .setIdleTimeout(TIMEOUT_MS).setConnectTimeout(10_000)
        .putHeader("content-type", "application/json").putHeader("accept", "application/json");
    if (proxy != null) options.setProxyOptions(proxy);
    return http.request(options)
        .compose(req -> req.send(Buffer.buffer(body.toString())))
        .compose(resp -> resp.body().map(b -> parse(resp.statusCode(), b)))
        .recover(err -> Future.failedFuture(err instanceof TokenEndpointException
            ? err
            : new TokenEndpointException("token endpoint unreachable: " + err.getClass().getSimpleName()
                + (err.getMessage() == null ? "" : " " + err.getMessage()))));
  }

  static TokenGrant parse(int status, Buffer raw) {
    JsonNode n;
    try {
      n = OAuthCredentialJson.JSON.readTree(raw.getBytes());
    } catch (IOException e) {
      n = null;
    }
    if (status < 200 || status > 299) {
      String code = n == null ? "" : firstText(n, "error");
      String description = n == null ? "" : firstText(n, "error_description", "message");
      String why = code.isEmpty() ? description : description.isEmpty() ? code : code + ": " + description;
      if (why.isEmpty() && n != null && n.path("error").isObject()) why = n.path("error").path("message").asText("");
      throw new TokenEndpointException(
          "token endpoint answered HTTP " + status + (why.isEmpty() ? "" : ": " + shorten(why)));
    }
    if (n == null || !n.path("access_token").isTextual() || n.path("access_token").asText().isEmpty()) {
      throw new TokenEndpointException("token endpoint answered without an access token");
    }
    JsonNode refresh = n.get("refresh_token");
    JsonNode expires = n.get("expires_in");
    return new TokenGrant(n.get("access_token").asText(),
        refresh != null && refresh.isTextual() ? refresh.asText() : null,
        expires != null && expires.canConvertToLong() && expires.asLong() > 0
            ? Duration.ofSeconds(expires.asLong())
            : null,
        OAuthCredentialJson.scopes(n.get("scope")));
  }

  private static String firstText(JsonNode n, String... names) {
    for (String name : names) {
      if (n.path(name).isTextual() && !n.path(name).asText().isBlank()) return n.path(name).asText();
    }
    return "";
  }

  private static String shorten(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
  }
}
