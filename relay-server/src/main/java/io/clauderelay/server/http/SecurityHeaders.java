package io.clauderelay.server.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser protections on the console, the key owners' page and the admin API: a Content-Security-Policy
 * that allows only the relay's own scripts, styles and API ({@code frame-ancestors 'none'}: no
 * framing, so no click-jacking), no MIME sniffing and no referrer. The relay's API routes for
 * SDKs are left as they are: their clients are not browsers and their answers stay byte-identical.
 */
public final class SecurityHeaders {
  /** The console and the stats page load only their own files and call only the relay; no inline code. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void handle(RoutingContext rc) {
    if (browserFacing(rc.request().path())) {
      MultiMap h = rc.response().headers();
      h.set("content-security-policy", CSP);
      h.set("x-content-type-options", "nosniff");
      h.set("referrer-policy", "no-referrer");
      // For browsers that predate frame-ancestors.
      h.set("x-frame-options", "DENY");
    }
    rc.next();
  }

  static boolean browserFacing(String path) {
    return path != null && (path.startsWith("/admin") || path.startsWith("/web/") || path.startsWith("/apiStats"));
  }
}
