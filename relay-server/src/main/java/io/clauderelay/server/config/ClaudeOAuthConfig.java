package io.clauderelay.server.config;

import io.clauderelay.domain.oauth.OAuthClientSettings;
import java.net.URI;

/**
 * Where Claude subscription accounts get their tokens, with the real endpoints, client id and scopes
 * of Claude Code as defaults; each can be overridden (a moved endpoint, a local fake in tests).
 */
public record ClaudeOAuthConfig(String authorizeUrl, String tokenUrl, String clientId, String redirectUri,
    String scopes) {
  public static final String DEFAULT_AUTHORIZE_URL = "https://claude.ai/oauth/authorize";
  public static final String DEFAULT_TOKEN_URL = "https://platform.claude.com/v1/oauth/token";
  public static final String DEFAULT_CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
  public static final String DEFAULT_REDIRECT_URI = "https://platform.claude.com/oauth/code/callback";
  public static final String DEFAULT_SCOPES = "org:create_api_key user:profile user:inference user:sessions:claude_code user:mcp_servers user:file_upload";

  static ClaudeOAuthConfig from(EnvValues env) {
    return new ClaudeOAuthConfig(
        url(env, "CLAUDE_OAUTH_AUTHORIZE_URL", DEFAULT_AUTHORIZE_URL),
        url(env, "CLAUDE_OAUTH_TOKEN_URL", DEFAULT_TOKEN_URL),
        env.text("CLAUDE_OAUTH_CLIENT_ID", DEFAULT_CLIENT_ID),
        url(env, "CLAUDE_OAUTH_REDIRECT_URI", DEFAULT_REDIRECT_URI),
        env.text("CLAUDE_OAUTH_SCOPES", DEFAULT_SCOPES).trim().replaceAll("\\s+", " "));
  }

  public OAuthClientSettings settings() {
    return new OAuthClientSettings(authorizeUrl, tokenUrl, clientId, redirectUri, scopes);
  }

  private static String url(EnvValues env, String name, String dflt) {
    String v = env.text(name, dflt);
    try {
      URI u = URI.create(v);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return v;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw EnvValues.invalid(name, "must be an http(s) URL", v, name + "=" + dflt);
  }
}
