package io.clauderelay.providers.anthropic;

import java.util.Locale;

/**
 * Where and how to reach one Anthropic-compatible account: its base URL and credential. Keys
 * that look like Anthropic API keys go in {@code x-api-key}; anything else (compatible gateways)
 * as a Bearer token, as the original does.
 */
public record AnthropicTarget(String baseUrl, String credential) {

  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  public AnthropicTarget {
    baseUrl = normalise(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim());
  }

  /** The absolute URL of an API path such as {@code /v1/messages}. */
  public String url(String apiPath, String query) {
    return baseUrl + apiPath + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  public boolean usesApiKeyHeader() {
    return credential.startsWith("sk-ant-");
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
