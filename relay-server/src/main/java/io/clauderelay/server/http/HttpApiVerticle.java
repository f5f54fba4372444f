package io.clauderelay.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;

/** One HTTP listener; deployed once per event loop, the instances share the port. */
public final class HttpApiVerticle extends VerticleBase {
  private final Router router;
  private final String host;
  private final int port;
  private final IntConsumer onListening;
  private HttpServer server;

  public HttpApiVerticle(Router router, String host, int port, IntConsumer onListening) {
    this.router = router;
    this.host = host;
    this.port = port;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
        .setIdleTimeout(0).setCompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> {
      server = s;
      onListening.accept(s.actualPort());
    });
  }

  /** The actual port (useful when started on port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
