package io.clauderelay.providers.anthropic;

import java.util.Locale;

/**
 * Where and how to reach one Anthropic-compatible account: its base URL and credential. Keys
 * that look like Anthropic API keys go in {@code x-api-key}; anything else (compatible gateways)
 * as a Bearer token, as the original does. A subscription (OAuth) target always sends its access
 * token as a Bearer token (OAuth tokens start with {@code sk-ant-} too) with the OAuth beta.
 */
public record AnthropicTarget(String baseUrl, String credential, boolean oauth) {

  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  /** The beta Anthropic requires on requests authorised by a subscription's OAuth access token. */
  public static final String OAUTH_BETA = "oauth-2025-04-20";

  /** An API-key (console) target. */
  public AnthropicTarget(String baseUrl, String credential) {
    this(baseUrl, credential, false);
  }

  /** A subscription target using {@code accessToken}. */
  public static AnthropicTarget oauth(String baseUrl, String accessToken) {
    return new AnthropicTarget(baseUrl, accessToken, true);
  }

  public AnthropicTarget {
    baseUrl = normalise(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim());
  }

  /** The absolute URL of an API path such as {@code /v1/messages}. */
  public String url(String apiPath, String query) {
    return baseUrl + apiPath + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  public boolean usesApiKeyHeader() {
    return !oauth && credential.startsWith("sk-ant-");
  }

  /** Never the credential. */
  @Override
  public String toString() {
    return "AnthropicTarget[" + baseUrl + (oauth ? ", oauth" : "") + "]";
  }

  private static String normalise(String url) {
    String u = url;
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.endsWith("/v1/messages")) u = u.substring(0, u.length() - "/v1/messages".length());
    else if (lower.endsWith("/v1")) u = u.substring(0, u.length() - "/v1".length());
    return u;
  }
}
