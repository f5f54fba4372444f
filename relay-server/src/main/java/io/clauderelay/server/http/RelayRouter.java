package io.clauderelay.server.http;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.log.AccessLog;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cross-cutting handlers every request passes (request id, access log, shutdown gate, body limit), the route table, and the catch-alls for 404/405/413/500. */
public final class RelayRouter {
  private static final Logger LOG = LoggerFactory.getLogger(RelayRouter.class);

  private RelayRouter() {}

  public static Router build(Vertx vertx, long maxBodyBytes, ShutdownGate shutdown, RouteTable routes) {
    Router router = Router.router(vertx);
    BodySizeGuard sizeGuard = new BodySizeGuard(maxBodyBytes);
    router.route().handler(RequestIds::assign);
    router.route().handler(AccessLog::handle);
    router.route().handler(shutdown::handle);
    router.route().handler(sizeGuard::handle);
    // Preallocating from Content-Length (Vert.x caps it at 64 KB) spares regrowing the buffer as chunks arrive.
    router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes).setPreallocateBodyBuffer(true));
    routes.mount(router);

    router.errorHandler(404, rc -> send(rc, Failure.of(FailureKind.CALLER_NOT_FOUND,
        "Route " + rc.request().method() + " " + rc.request().path() + " not found")));
    router.errorHandler(405, rc -> send(rc, Failure.of(FailureKind.CALLER_METHOD_NOT_ALLOWED,
        "Method " + rc.request().method() + " is not allowed on " + rc.request().path())));
    router.errorHandler(413, sizeGuard::reject);
    router.errorHandler(400, rc -> send(rc, Failure.of(FailureKind.CALLER_BAD_REQUEST, "Malformed request")));
    router.errorHandler(500, rc -> {
      if (rc.failure() instanceof FailureException fe) {
        send(rc, fe.failure());
        return;
      }
      LOG.error("unhandled error on {} {} (request {})", rc.request().method(), rc.request().path(), RequestIds.of(rc),
          rc.failure());
      send(rc, Failure.of(FailureKind.RELAY_INTERNAL, "Internal relay error (request " + RequestIds.of(rc) + ")"));
    });
    return router;
  }

  private static void send(RoutingContext rc, Failure failure) {
    FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()), failure);
  }

}
