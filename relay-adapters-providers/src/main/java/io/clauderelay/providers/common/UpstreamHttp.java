package io.clauderelay.providers.common;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.util.function.Consumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;

/**
 * Sends one request upstream on the shared pooled clients ({@link UpstreamClients}: HTTP/2 by ALPN
 * to TLS upstreams, HTTP/1.1 to plain ones) and hands back the exchange with its response paused,
 * so nothing of the body is lost while the caller decides what to do with it.
 * An account's proxy goes on the request: Vert.x keys its pools by proxy too, so proxied and
 * direct connections to one host are never mixed.
 */
public final class UpstreamHttp {
  private final UpstreamClients clients;
  private final long idleTimeoutMs;

  /**
   * The connect timeout lives in the clients' options: it bounds the TCP connect only. (A request's
   * own connect timeout would also count the time spent waiting for a pooled connection.)
   */
  public UpstreamHttp(UpstreamClients clients, long idleTimeoutMs) {
    this.clients = clients;
    this.idleTimeoutMs = idleTimeoutMs;
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
        .setIdleTimeout(idleTimeoutMs);
    if (proxy != null) options.setProxyOptions(proxy);
    return clients.forUri(absoluteUri).request(options).compose(req -> {
      onRequest.accept(req);
      Future<UpstreamExchange> sent = (body == null ? req.send() : req.send(body)).map(resp -> {
        resp.pause();
        return new UpstreamExchange(req, resp);
      });
      return sent;
    });
  }
}
