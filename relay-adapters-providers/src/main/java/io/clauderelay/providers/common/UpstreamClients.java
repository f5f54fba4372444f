package io.clauderelay.providers.common;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's two upstream HTTP clients: one for TLS upstreams that speaks HTTP/2 when the server
 * negotiates it by ALPN (api.anthropic.com does) and HTTP/1.1 otherwise, and one for plain-HTTP
 * upstreams that only speaks HTTP/1.1 (no h2c upgrade: a plain upstream sees exactly what it saw
 * before). Neither pool is capped below what the node can hold: the in-flight ceiling
 * ({@code MAX_IN_FLIGHT}) is the cap, so a request never waits in a pool queue behind long
 * streams; the connect timeout bounds the TCP connect alone, never time spent queued.
 */
public record UpstreamClients(HttpClientAgent tls, HttpClientAgent plain) {
  /**
   * Both clients, each allowing {@code maxConnections} connections per upstream host (HTTP/1.1:
   * one per in-flight request; HTTP/2: as many as the streams need).
   */
  public static UpstreamClients create(Vertx vertx, int maxConnections, int connectTimeoutMs) {
    return create(vertx, maxConnections, connectTimeoutMs, o -> {});
  }

  /** As {@link #create(Vertx, int, int)}, with a last say on the options (tests add a trust store). */
  public static UpstreamClients create(Vertx vertx, int maxConnections, int connectTimeoutMs,
      Consumer<HttpClientOptions> customize) {
    PoolOptions pool = pool(maxConnections);
    HttpClientOptions tls = base(connectTimeoutMs)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        // As many streams per connection as the server allows (its SETTINGS); Vert.x opens another
        // connection only when every open one is full.
        .setHttp2MultiplexingLimit(-1);
    HttpClientOptions plain = base(connectTimeoutMs).setProtocolVersion(HttpVersion.HTTP_1_1);
    customize.accept(tls);
    customize.accept(plain);
    return new UpstreamClients(vertx.createHttpClient(tls, pool), vertx.createHttpClient(plain, pool));
  }

  /** The client for an absolute URI: TLS ({@code https}) or plain. */
  public HttpClientAgent forUri(String absoluteUri) {
    return absoluteUri.regionMatches(true, 0, "https:", 0, 6) ? tls : plain;
  }

  static PoolOptions pool(int maxConnections) {
    int max = Math.max(1, maxConnections);
    return new PoolOptions()
        .setHttp1MaxSize(max)
        .setHttp2MaxSize(max)
        // Unbounded: the in-flight ceiling, not the queue, refuses excess load (with a 503).
        .setMaxWaitQueueSize(-1);
  }

  private static HttpClientOptions base(int connectTimeoutMs) {
    return new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setConnectTimeout(connectTimeoutMs);
  }
}
