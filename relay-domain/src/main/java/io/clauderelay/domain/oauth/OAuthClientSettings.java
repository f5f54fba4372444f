package io.clauderelay.domain.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Where and as whom the relay asks for Claude subscription tokens: endpoints, client id, redirect and scopes. */
public record OAuthClientSettings(String authorizeUrl, String tokenUrl, String clientId, String redirectUri,
    String scopes) {

  public OAuthClientSettings {
    Objects.requireNonNull(authorizeUrl, "authorizeUrl");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(scopes, "scopes");
  }

  /** The URL the operator opens to approve access, as Claude Code builds it ({@code code=true}: show the code). */
  public String authorizationUrl(Pkce pkce) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("code", "true");
    q.put("client_id", clientId);
    q.put("response_type", "code");
    q.put("redirect_uri", redirectUri);
    q.put("scope", scopes);
    q.put("code_challenge", pkce.challenge());
    q.put("code_challenge_method", "S256");
    q.put("state", pkce.state());
    return authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + q.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("&"));
  }
}
