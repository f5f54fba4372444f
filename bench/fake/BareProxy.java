import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor under the relay in the benchmark: a pass-through HTTP proxy on the same Vert.x, with the
 * relay's event-loop count and client settings and none of its work (no key, admission, account
 * choice, usage or log). Whatever it costs over direct is the price of one more HTTP hop on this
 * machine; what the relay costs over it is the relay's own work. Not a product component.
 *
 * <pre>java -cp relay-server/target/claude-relay.jar bench/fake/BareProxy.java</pre>
 *
 * Environment: BARE_PORT (required), BARE_UPSTREAM (http://127.0.0.1:port of the fake, required),
 * BARE_THREADS (event loops, default 2 like the relay on a 2-core machine). Any path is forwarded
 * with its method, headers and body; JSON answers are read whole before they are sent on (as the
 * relay does, to read usage), streams are piped event by event.
 */
public final class BareProxy {
  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv("BARE_PORT"));
    String upstream = System.getenv("BARE_UPSTREAM");
    String threadsEnv = System.getenv("BARE_THREADS");
    int threads = threadsEnv == null || threadsEnv.isBlank() ? 2 : Integer.parseInt(threadsEnv);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(10_000).setMaxWaitQueueSize(-1));
    for (int i = 0; i < threads; i++) {
      vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
          .requestHandler(req -> forward(client, upstream, req))
          .listen()
          .onSuccess(s -> System.out.println("bare proxy listening on 127.0.0.1:" + s.actualPort()))
          .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }
  }

  static void forward(HttpClientAgent client, String upstream, HttpServerRequest req) {
    req.body().onSuccess(body -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
      headers.remove("host").remove("connection").remove("content-length");
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(upstream + req.uri()).setHeaders(headers))
          .compose(up -> up.send(body))
          .onSuccess(resp -> {
            String type = resp.getHeader("content-type");
            req.response().setStatusCode(resp.statusCode());
            if (type != null) req.response().putHeader("content-type", type);
            if (type != null && type.startsWith("text/event-stream")) {
              req.response().setChunked(true);
              resp.pipeTo(req.response());
            } else {
              resp.body().onSuccess(b -> req.response().end(b)).onFailure(e -> req.response().setStatusCode(502).end());
            }
          })
          .onFailure(e -> req.response().setStatusCode(502).end());
    });
  }
}
