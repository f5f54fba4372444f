package io.clauderelay.providers.gemini;

import io.clauderelay.providers.common.HeaderAllowList;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Calls the Gemini API of one account with its key in {@code x-goog-api-key}. The client's own
 * {@code ?key=} (its relay key) is never forwarded.
 */
public final class GeminiUpstream {
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

  private final UpstreamHttp http;

  public GeminiUpstream(UpstreamHttp http) {
    this.http = http;
  }

  /** The account's base URL without a trailing slash or API version. */
  public static String base(String baseUrl) {
    String u = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim();
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.endsWith("/v1beta")) u = u.substring(0, u.length() - 7);
    else if (lower.endsWith("/v1")) u = u.substring(0, u.length() - 3);
    return u;
  }

  /** The client's query string without its {@code key} parameter (empty when nothing is left). */
  public static String queryWithoutKey(String query) {
    if (query == null || query.isEmpty()) return "";
    StringJoiner kept = new StringJoiner("&");
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
      if (!name.equals("key")) kept.add(pair);
    }
    return kept.toString();
  }

  /** Sends {@code method apiPath?query} (query already stripped of the client key) to the account, through {@code proxy} if not null. */
  public Future<UpstreamExchange> send(HttpMethod method, String baseUrl, String credential, String apiPath,
      String query,
      MultiMap clientHeaders, Buffer body, ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HeaderAllowList.copy(clientHeaders, headers);
    if (body != null) headers.set("content-type", "application/json");
    headers.set("accept-encoding", "identity");
    headers.set("x-goog-api-key", credential);
    String url = base(baseUrl) + apiPath + (query == null || query.isEmpty() ? "" : "?" + query);
    return http.send(method, url, headers, body, proxy, onRequest);
  }
}
