package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.crypto.IssuedToken;
import io.clauderelay.crypto.JwtService;
import io.clauderelay.crypto.VerifiedToken;
import io.clauderelay.crypto.PasswordHasher;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;

/** {@code /web/auth/login} and {@code /web/auth/logout}: admin sessions as JWTs valid on every node. */
public final class AdminAuthRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final AdminStore store;
  private final JwtService jwt;
  private final Duration sessionTtl;

  public AdminAuthRoutes(Vertx vertx, AdminStore store, JwtService jwt, Duration sessionTtl) {
    this.vertx = vertx;
    this.store = store;
    this.jwt = jwt;
    this.sessionTtl = sessionTtl;
  }

  public void login(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String username = body == null ? null : body.getValue("username") instanceof String u ? u : null;
    String password = body == null ? null : body.getValue("password") instanceof String p ? p : null;
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      FailureResponses.send(rc.response(), ApiFamily.ADMIN,
          Failure.of(FailureKind.CALLER_BAD_REQUEST, "username and password are required"));
      return;
    }
    Async.from(store.credentials())
        // PBKDF2 is deliberately slow: never on the event loop.
        .compose(creds -> creds.isEmpty() ? Future.succeededFuture(false)
            : vertx.executeBlocking(() -> creds.get().username().equals(username)
                && PasswordHasher.verify(password, creds.get().passwordHash())))
        .onSuccess(ok -> {
          if (!ok) {
            FailureResponses.send(rc.response(), ApiFamily.ADMIN,
                new Failure(FailureKind.ADMIN_UNAUTHORIZED, "Invalid username or password", java.util.Map.of(), null));
            return;
          }
          IssuedToken token = jwt.issue(username, sessionTtl);
          rc.response().putHeader("content-type", "application/json").end(JSON.createObjectNode()
              .put("success", true).put("token", token.token()).put("expiresIn", sessionTtl.toMillis())
              .put("username", username).toString());
        })
        .onFailure(err -> FailureResponses.send(rc.response(), ApiFamily.ADMIN,
            Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Store unavailable, try again")));
  }

  /**
   * Changes the admin password (and optionally the user name) in the store, so every node agrees
   * at once; the session that made the change ends, as after a logout.
   */
  public void changePassword(RoutingContext rc) {
    JsonFields f;
    try {
      f = JsonFields.parse(rc.body().buffer());
    } catch (FailureException e) {
      FailureResponses.send(rc.response(), ApiFamily.ADMIN, e.failure());
      return;
    }
    String current;
    String next;
    String newUsername;
    try {
      current = f.string("currentPassword", 1024);
      next = f.string("newPassword", 1024);
      newUsername = f.string("newUsername", 64);
      if (current == null || current.isEmpty()) throw JsonFields.bad("currentPassword", "is required");
      if (next == null || next.length() < 8) throw JsonFields.bad("newPassword", "must be at least 8 characters");
      if (newUsername != null && !newUsername.matches("[A-Za-z0-9_.@-]{3,64}")) {
        throw JsonFields.bad("newUsername", "must be 3-64 letters, digits or _.@-");
      }
    } catch (FailureException e) {
      FailureResponses.send(rc.response(), ApiFamily.ADMIN, e.failure());
      return;
    }
    String actor = rc.get(AdminGuard.USER);
    Async.from(store.credentials())
        .compose(creds -> vertx.executeBlocking(() -> creds.isPresent() && creds.get().username().equals(actor)
            && PasswordHasher.verify(current, creds.get().passwordHash()) ? PasswordHasher.hash(next) : null))
        .compose(hash -> {
          if (hash == null) {
            return Future.failedFuture(new FailureException(Failure.of(FailureKind.ADMIN_UNAUTHORIZED,
                "Current password is wrong")));
          }
          String username = newUsername == null ? actor : newUsername;
          return Async.from(store.saveCredentials(new AdminStore.AdminCredentials(username, hash, Instant.now())))
              .compose(v -> Async.from(store.revoke(rc.get(AdminGuard.TOKEN_ID), rc.get(AdminGuard.TOKEN_EXPIRY))))
              .map(username);
        })
        .onSuccess(username -> rc.response().putHeader("content-type", "application/json").end(JSON.createObjectNode()
            .put("success", true).put("message", "Password changed; log in again").put("newUsername", username).toString()))
        .onFailure(err -> FailureResponses.send(rc.response(), ApiFamily.ADMIN, err instanceof FailureException fe
            ? fe.failure() : Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Store unavailable, try again")));
  }

  public void logout(RoutingContext rc) {
    String token = AdminGuard.token(rc);
    var verified = token == null ? java.util.Optional.<VerifiedToken>empty() : jwt.verify(token);
    Future<Void> revoke = verified.isEmpty() ? Future.succeededFuture()
        : Async.from(store.revoke(verified.get().id(), verified.get().expiresAt()));
    revoke.onComplete(ar -> rc.response().putHeader("content-type", "application/json")
        .end(JSON.createObjectNode().put("success", true).put("message", "Logged out").toString()));
  }

}
