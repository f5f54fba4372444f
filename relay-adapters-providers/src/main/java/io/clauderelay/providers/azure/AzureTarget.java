package io.clauderelay.providers.azure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One Azure OpenAI deployment: the resource's endpoint ({@code https://<resource>.openai.azure.com}),
 * the deployment's name, the API version sent as {@code api-version} and the resource's key.
 */
public record AzureTarget(String endpoint, String deployment, String apiVersion, String apiKey) {
  /** Serves Chat Completions and the Responses API (both need a 2025 preview or later for Responses). */
  public static final String DEFAULT_API_VERSION = "2025-04-01-preview";
  /** Azure's deployment names: letters, digits, {@code - _ .}; they go into a URL path. */
  public static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** API versions such as {@code 2024-10-21}, {@code 2025-04-01-preview} or {@code preview}. */
  public static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,39}");

  public AzureTarget {
    String e = endpoint == null ? "" : endpoint.trim();
    while (e.endsWith("/")) e = e.substring(0, e.length() - 1);
    // Operators paste the portal's URL with /openai at the end as often as without.
    if (e.toLowerCase(Locale.ROOT).endsWith("/openai")) e = e.substring(0, e.length() - "/openai".length());
    endpoint = e;
    apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.trim();
  }

  /** {@code /openai/deployments/{deployment}/chat/completions?api-version=…}. */
  public String chatUrl() {
    return endpoint + "/openai/deployments/" + deployment + "/chat/completions?api-version=" + query(apiVersion);
  }

  /** {@code /openai/responses?api-version=…}: the deployment goes in the body's {@code model}. */
  public String responsesUrl() {
    return endpoint + "/openai/responses?api-version=" + query(apiVersion);
  }

  private static String query(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "AzureTarget[" + endpoint + ", " + deployment + ", " + apiVersion + "]";
  }
}
