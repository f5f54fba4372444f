package io.clauderelay.providers.common;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import java.util.function.Consumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;

/**
 * Sends one request upstream on the shared pooled client and hands back the exchange with its
 * response paused, so nothing of the body is lost while the caller decides what to do with it.
 * An account's proxy goes on the request: Vert.x keys its pools by proxy too, so proxied and
 * direct connections to one host are never mixed.
 */
public final class UpstreamHttp {
  private final HttpClientAgent client;
  private final long idleTimeoutMs;
  private final long connectTimeoutMs;

  public UpstreamHttp(HttpClientAgent client, long idleTimeoutMs, long connectTimeoutMs) {
    this.client = client;
    this.idleTimeoutMs = idleTimeoutMs;
    this.connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * Sends the request, through {@code proxy} unless it is null; {@code onRequest} receives the
   * request object as soon as it exists, so a caller whose client disconnects can reset it before
   * any response arrives.
   */
  public Future<UpstreamExchange> send(HttpMethod method, String absoluteUri, MultiMap headers, Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(absoluteUri)
        .setHeaders(headers)
        .setIdleTimeout(idleTimeoutMs)
        .setConnectTimeout(connectTimeoutMs);
    if (proxy != null) options.setProxyOptions(proxy);
    return client.request(options).compose(req -> {
      onRequest.accept(req);
      Future<UpstreamExchange> sent = (body == null ? req.send() : req.send(body)).map(resp -> {
        resp.pause();
        return new UpstreamExchange(req, resp);
      });
      return sent;
    });
  }
}
