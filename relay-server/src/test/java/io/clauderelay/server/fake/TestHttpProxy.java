package io.clauderelay.server.fake;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP forward proxy on a free loopback port: absolute-URI requests (what a client sends an
 * HTTP proxy for an {@code http://} target) are forwarded and streamed back, CONNECT opens a tunnel.
 * It counts both, may demand Basic {@code Proxy-Authorization} (407 otherwise), and resolves the
 * {@link TestSocks5Proxy#PROXY_ONLY} names to loopback, which nothing else does.
 */
public final class TestHttpProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
      "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "content-length");

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient();
  private final NetClient net = vertx.createNetClient();
  private final HttpServer server;
  private final String expectedAuth;
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> uris = new CopyOnWriteArrayList<>();

  /** Open to anyone when {@code username} is null. */
  public TestHttpProxy(String username, String password) {
    expectedAuth = username == null
        ? null
        : "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").await();
  }

  public int port() {
    return server.actualPort();
  }

  /** Requests forwarded (absolute URI form). */
  public int forwarded() {
    return forwarded.get();
  }

  public int tunnels() {
    return tunnels.get();
  }

  /** Requests answered 407 for missing or wrong credentials. */
  public int refused() {
    return refused.get();
  }

  public List<String> uris() {
    return List.copyOf(uris);
  }

  private void handle(HttpServerRequest req) {
    if (expectedAuth != null && !expectedAuth.equals(req.getHeader("proxy-authorization"))) {
      refused.incrementAndGet();
      req.response().setStatusCode(407).putHeader("proxy-authenticate", "Basic realm=\"test\"").end();
      return;
    }
    if (req.method() == HttpMethod.CONNECT) {
      tunnel(req);
      return;
    }
    uris.add(req.uri());
    URI target = URI.create(req.uri());
    String host = target.getHost().endsWith(TestSocks5Proxy.PROXY_ONLY) ? "127.0.0.1" : target.getHost();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    req.headers().forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) headers.add(h.getKey(), h.getValue());
    });
    req.body().compose(body -> client.request(new RequestOptions().setMethod(req.method()).setHost(host)
        .setPort(target.getPort())
        .setURI(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()))
        .setHeaders(headers))
        .compose(up -> up.send(body)))
        .onSuccess(resp -> {
          forwarded.incrementAndGet();
          req.response().setStatusCode(resp.statusCode());
          resp.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) req.response().headers().add(h.getKey(), h.getValue());
          });
          req.response().send(resp);
        })
        .onFailure(err -> req.response().setStatusCode(502).end());
  }

  private void tunnel(HttpServerRequest req) {
    String authority = req.uri();
    int colon = authority.lastIndexOf(':');
    String host = authority.substring(0, colon);
    if (host.endsWith(TestSocks5Proxy.PROXY_ONLY)) host = "127.0.0.1";
    net.connect(Integer.parseInt(authority.substring(colon + 1)), host)
        .onSuccess(up -> req.toNetSocket().onSuccess(down -> {
          tunnels.incrementAndGet();
          down.pipeTo(up);
          up.pipeTo(down);
        }))
        .onFailure(err -> req.response().setStatusCode(502).end());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
