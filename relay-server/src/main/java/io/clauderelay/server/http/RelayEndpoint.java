package io.clauderelay.server.http;

import io.clauderelay.server.relay.ClientResponse;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayHandler;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The route layer's side of a relayed request: translates the router's {@link RoutingContext}
 * into the relay's {@link Inbound} and {@link ClientResponse}, and nothing else.
 */
public final class RelayEndpoint implements Handler<RoutingContext> {
  private final RelayHandler relay;

  public RelayEndpoint(RelayHandler relay) {
    this.relay = relay;
  }

  @Override
  public void handle(RoutingContext rc) {
    relay.handle(inbound(rc, rc.pathParams()), new Response(rc.response()));
  }

  /** The request as the relay reads it, with the given path parameters. */
  public static Inbound inbound(RoutingContext rc, Map<String, String> pathParams) {
    HttpServerRequest req = rc.request();
    SocketAddress remote = req.remoteAddress();
    return new Inbound(req.method().name(), pathParams, req.query(), req.params(), req.headers(),
        rc.body().buffer(), remote == null ? null : remote.hostAddress(), RequestIds.of(rc));
  }

  public static ClientResponse response(RoutingContext rc) {
    return new Response(rc.response());
  }

  /** A Vert.x server response as the relay's client-response port. */
  private record Response(HttpServerResponse http) implements ClientResponse {
    @Override
    public void send(int status, Map<String, String> headers, Buffer body) {
      http.setStatusCode(status);
      headers.forEach(http::putHeader);
      if (body == null) http.end();
      else http.end(body);
    }

    @Override
    public void open(int status, Map<String, String> headers) {
      http.setStatusCode(status);
      headers.forEach(http::putHeader);
      http.setChunked(true);
    }

    @Override
    public boolean write(Buffer chunk) {
      http.write(chunk);
      return !http.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable then) {
      http.drainHandler(v -> then.run());
    }

    @Override
    public void end(Buffer last) {
      if (last == null) http.end();
      else http.end(last);
    }

    @Override
    public boolean headWritten() {
      return http.headWritten();
    }

    @Override
    public boolean ended() {
      return http.ended();
    }

    @Override
    public void onEnded(Runnable then) {
      http.endHandler(v -> then.run());
    }

    @Override
    public void onClosed(Runnable then) {
      http.closeHandler(v -> then.run());
    }
  }
}
