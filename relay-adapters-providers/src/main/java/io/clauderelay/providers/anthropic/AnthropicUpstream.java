package io.clauderelay.providers.anthropic;

import io.clauderelay.providers.common.HeaderAllowList;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Calls the Anthropic Messages API of one account: allowed client headers, the account's
 * credential (never the client's), identity encoding so usage can be read on the way.
 */
public final class AnthropicUpstream {
  public static final String DEFAULT_VERSION = "2023-06-01";

  private final UpstreamHttp http;

  public AnthropicUpstream(UpstreamHttp http) {
    this.http = http;
  }

  /** POSTs to the account, through {@code proxy} (the account's, null for none). */
  public Future<UpstreamExchange> post(AnthropicTarget target, String apiPath, String query, MultiMap clientHeaders,
      Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HeaderAllowList.copy(clientHeaders, headers);
    if (!headers.contains("anthropic-version")) headers.set("anthropic-version", DEFAULT_VERSION);
    headers.set("content-type", "application/json");
    headers.set("accept-encoding", "identity");
    if (target.usesApiKeyHeader()) headers.set("x-api-key", target.credential());
    else headers.set("authorization", "Bearer " + target.credential());
    if (target.oauth())
      headers.set("anthropic-beta", withBeta(headers.getAll("anthropic-beta"), AnthropicTarget.OAUTH_BETA));
    return http.send(HttpMethod.POST, target.url(apiPath, query), headers, body, proxy, onRequest);
  }

  /** The client's betas (comma-separated, possibly in several headers) plus {@code beta}, each once, the client's first. */
  static String withBeta(List<String> clientValues, String beta) {
    Set<String> all = new LinkedHashSet<>();
    for (String v : clientValues) {
      for (String b : v.split(",")) {
        if (!b.isBlank()) all.add(b.trim());
      }
    }
    all.add(beta);
    return String.join(",", all);
  }
}
