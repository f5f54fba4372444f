package io.clauderelay.providers.vertex;

import java.util.regex.Pattern;

/**
 * Where one Vertex AI account's Claude models live: the API endpoint (Google's regional one unless
 * overridden), the project and region, and the access token the call carries.
 */
public record VertexTarget(String baseUrl, String project, String region, String accessToken) {
  public static final String DEFAULT_REGION = "us-east5";
  /** Regions such as {@code us-east5}, {@code europe-west1} or {@code global}; they go into a host name. */
  public static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  /** Google project ids: lower-case letters, digits and dashes (some older ones with a domain and colon). */
  public static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,62}");

  public VertexTarget {
    region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
    String b = baseUrl == null || baseUrl.isBlank() ? defaultBase(region) : baseUrl.trim();
    while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
    baseUrl = b;
  }

  /** {@code https://{region}-aiplatform.googleapis.com}, or the global endpoint for {@code global}. */
  public static String defaultBase(String region) {
    return "global".equals(region)
        ? "https://aiplatform.googleapis.com"
        : "https://" + region + "-aiplatform.googleapis.com";
  }

  /** {@code /v1/projects/{p}/locations/{r}/publishers/anthropic/models/{model}:{method}}. */
  public String url(String model, String method) {
    return baseUrl + "/v1/projects/" + project + "/locations/" + region + "/publishers/anthropic/models/" + model
        + ":" + method;
  }

  /** Never the token. */
  @Override
  public String toString() {
    return "VertexTarget[" + baseUrl + ", " + project + ", " + region + "]";
  }
}
