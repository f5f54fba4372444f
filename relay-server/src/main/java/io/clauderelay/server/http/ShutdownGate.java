package io.clauderelay.server.http;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.vertx.ext.web.RoutingContext;

/**
 * Once a graceful stop has begun, new requests get a 503 with {@code Connection: close} so that
 * Nginx retries them on the other node, while requests already in flight finish.
 */
public final class ShutdownGate {
  private volatile boolean closing;

  public void close() {
    closing = true;
  }

  public boolean closing() {
    return closing;
  }

  public void handle(RoutingContext rc) {
    if (!closing || rc.request().path().equals("/health")) {
      rc.next();
      return;
    }
    rc.response().putHeader("connection", "close").putHeader("retry-after", "1");
    FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()),
        Failure.of(FailureKind.RELAY_SHUTTING_DOWN, "This relay node is shutting down; retry on another node"));
  }
}
