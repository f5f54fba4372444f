package io.clauderelay.server.http;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses bodies over {@code REQUEST_MAX_SIZE_MB} with a 413 in the route's error shape, from
 * Content-Length before anything is read (the body handler's limit covers chunked uploads).
 */
public final class BodySizeGuard {
  private final long maxBytes;

  public BodySizeGuard(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public void handle(RoutingContext rc) {
    String length = rc.request().getHeader("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) {
          reject(rc);
          return;
        }
      } catch (NumberFormatException e) {
        FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()),
            Failure.of(FailureKind.CALLER_BAD_REQUEST, "Content-Length is not a number"));
        return;
      }
    }
    rc.next();
  }

  public void reject(RoutingContext rc) {
    // The unread rest of the body must not be parsed as the next request on this connection.
    rc.response().putHeader("connection", "close");
    FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()),
        Failure
            .of(FailureKind.CALLER_PAYLOAD_TOO_LARGE,
                "Request body exceeds the limit of " + (maxBytes / (1024 * 1024)) + " MB")
            .withDetail("limit", (maxBytes / (1024 * 1024)) + "MB"));
  }
}
