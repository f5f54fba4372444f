package io.clauderelay.server.admin;

import io.clauderelay.crypto.JwtService;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request into {@code /admin} only with a valid, unrevoked admin JWT (Bearer, the
 * {@code x-admin-token} header, or the {@code adminToken} cookie). Any node can check it.
 */
public final class AdminGuard {
  static final String USER = "adminUser";
  static final String TOKEN_ID = "adminTokenId";
  static final String TOKEN_EXPIRY = "adminTokenExpiry";

  private final JwtService jwt;
  private final AdminStore store;

  public AdminGuard(JwtService jwt, AdminStore store) {
    this.jwt = jwt;
    this.store = store;
  }

  public static String token(RoutingContext rc) {
    String auth = rc.request().getHeader("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
    String header = rc.request().getHeader("x-admin-token");
    if (header != null && !header.isBlank()) return header.trim();
    Cookie cookie = rc.request().getCookie("adminToken");
    return cookie == null ? null : cookie.getValue();
  }

  public void handle(RoutingContext rc) {
    String token = token(rc);
    if (token == null) {
      deny(rc, "Missing admin token");
      return;
    }
    var verified = jwt.verify(token);
    if (verified.isEmpty()) {
      deny(rc, "Invalid or expired admin token");
      return;
    }
    Async.from(store.isRevoked(verified.get().id())).onComplete(ar -> {
      if (ar.failed()) {
        FailureResponses.send(rc.response(), ApiFamily.ADMIN,
            Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Store unavailable, try again"));
      } else if (ar.result()) {
        deny(rc, "Admin session has ended (logged out)");
      } else {
        rc.put(USER, verified.get().username());
        rc.put(TOKEN_ID, verified.get().id());
        rc.put(TOKEN_EXPIRY, verified.get().expiresAt());
        rc.next();
      }
    });
  }

  private static void deny(RoutingContext rc, String message) {
    FailureResponses.send(rc.response(), ApiFamily.ADMIN, Failure.of(FailureKind.ADMIN_UNAUTHORIZED, message));
  }
}
