package io.clauderelay.server.fake;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the fake upstream received it.
 *
 * @param method HTTP method
 * @param path path without the query
 * @param query raw query string, or null
 * @param headers every header, names lower-cased, values in arrival order
 * @param body the raw body bytes
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** First value of a header (case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean hasHeader(String name) {
    return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The credential the caller presented: {@code x-api-key}, else the token of
   * {@code Authorization: Bearer}, else null. Behaviours are scripted per this value.
   */
  public String credential() {
    return credentialOf(header("x-api-key"), header("authorization"));
  }

  static String credentialOf(String apiKey, String authorization) {
    if (apiKey != null && !apiKey.isEmpty()) {
      return apiKey;
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    return null;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; throws if it is not a JSON object. */
  public JsonObject bodyAsJson() {
    return new JsonObject(bodyAsString());
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query) + " headers=" + headers.keySet()
        + " body=" + body.length + "B";
  }
}
