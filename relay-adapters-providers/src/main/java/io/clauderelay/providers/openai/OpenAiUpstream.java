package io.clauderelay.providers.openai;

import io.clauderelay.providers.common.HeaderAllowList;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Calls an OpenAI-compatible API (OpenAI itself, or any server speaking its protocol): allowed
 * client headers, the account's key as a Bearer token (never the client's), identity encoding
 * so usage can be read on the way.
 */
public final class OpenAiUpstream {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com";

  private final UpstreamHttp http;

  public OpenAiUpstream(UpstreamHttp http) {
    this.http = http;
  }

  /**
   * The account's base URL without a trailing slash or {@code /v1}, so that both
   * {@code https://api.openai.com} and {@code https://host/v1} work with paths like {@code /v1/responses}.
   */
  public static String base(String baseUrl) {
    String u = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim();
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    if (u.toLowerCase(Locale.ROOT).endsWith("/v1")) u = u.substring(0, u.length() - 3);
    return u;
  }

  /** POSTs {@code body} to the absolute {@code url} with {@code Authorization: Bearer <credential>}, through {@code proxy} if not null. */
  public Future<UpstreamExchange> post(String url, String credential, MultiMap clientHeaders, Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HeaderAllowList.copy(clientHeaders, headers);
    headers.set("content-type", "application/json");
    headers.set("accept-encoding", "identity");
    headers.set("authorization", "Bearer " + credential);
    return http.send(HttpMethod.POST, url, headers, body, proxy, onRequest);
  }
}
