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
import java.util.Map;
import io.clauderelay.server.log.AuditLog;

/** {@code /web/auth/login} and {@code /web/auth/logout}: admin sessions as JWTs valid on every node. */
public final class AdminAuthRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final AdminStore store;
  private final JwtService jwt;
  private final Duration sessionTtl;
  private final LoginGate gate;

  public AdminAuthRoutes(Vertx vertx, AdminStore store, JwtService jwt, Duration sessionTtl, LoginGate gate) {
    this.vertx = vertx;
    this.store = store;
    this.jwt = jwt;
    this.sessionTtl = sessionTtl;
    this.gate = gate;
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
    String ip = gate.clientIp(rc);
    String shown = LoginGate.shortName(username);
    gate.lockedFor(ip, username).onComplete(locked -> {
      if (locked.succeeded() && positive(locked.result())) {
        // Refused before the password is even checked: a locked-out guesser learns nothing.
        AuditLog.security("admin.login.refused-locked", Map.of("username", shown, "ip", ip,
            "retryAfterSeconds", seconds(locked.result())));
        lockedOut(rc, locked.result());
        return;
      }
      checkPassword(rc, username, password, ip, shown);
    });
  }

  private void checkPassword(RoutingContext rc, String username, String password, String ip, String shown) {
    Async.from(store.credentials())
        // PBKDF2 is deliberately slow: never on the event loop.
        .compose(creds -> creds.isEmpty()
            ? Future.succeededFuture(false)
            : vertx.executeBlocking(() -> creds.get().username().equals(username)
                && PasswordHasher.verify(password, creds.get().passwordHash())))
        .onSuccess(ok -> {
          if (!ok) {
            gate.failed(ip, username).onComplete(ar -> {
              Duration lock = ar.succeeded() ? ar.result() : Duration.ZERO;
              AuditLog.authDetail("admin.login.failure",
                  Map.of("username", shown, "ip", ip, "lockedOut", positive(lock)));
              if (positive(lock)) {
                AuditLog.security("admin.login.lockout", Map.of("username", shown, "ip", ip,
                    "failures", LoginGate.MAX_FAILURES, "retryAfterSeconds", seconds(lock)));
                lockedOut(rc, lock);
                return;
              }
              FailureResponses.send(rc.response(), ApiFamily.ADMIN,
                  new Failure(FailureKind.ADMIN_UNAUTHORIZED, "Invalid username or password", Map.of(), null));
            });
            return;
          }
          gate.succeeded(ip, username);
          upgradeImportedHash(username, password);
          IssuedToken token = jwt.issue(username, sessionTtl);
          AuditLog.authDetail("admin.login.success", Map.of("username", shown, "ip", ip, "tokenId", token.id()));
          rc.response().putHeader("content-type", "application/json").end(JSON.createObjectNode()
              .put("success", true).put("token", token.token()).put("expiresIn", sessionTtl.toMillis())
              .put("username", username).toString());
        })
        .onFailure(err -> FailureResponses.send(rc.response(), ApiFamily.ADMIN,
            Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Store unavailable, try again")));
  }

  /** A hash imported from CRS (bcrypt) becomes ours at its first good login; the login never waits for it. */
  private void upgradeImportedHash(String username, String password) {
    Async.from(store.credentials())
        .compose(creds -> creds.isPresent() && PasswordHasher.needsUpgrade(creds.get().passwordHash())
            ? vertx.executeBlocking(() -> PasswordHasher.hash(password))
                .compose(hash -> Async
                    .from(store.saveCredentials(new AdminStore.AdminCredentials(username, hash, Instant.now()))))
                .map(v -> true)
            : Future.succeededFuture(false))
        .onSuccess(upgraded -> {
          if (upgraded) AuditLog.security("admin.password.rehashed", Map.of("from", "imported hash"));
        });
  }

  private static boolean positive(Duration d) {
    return !d.isZero() && !d.isNegative();
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static void lockedOut(RoutingContext rc, Duration left) {
    FailureResponses.send(rc.response(), ApiFamily.ADMIN, Failure.of(FailureKind.ADMIN_LOCKED_OUT,
        "Too many failed logins; try again in " + seconds(left) + " seconds").withRetryAfter(seconds(left)));
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
        .onSuccess(username -> {
          AuditLog.admin(actor, "admin.password-change", Map.of("changes", actor.equals(username)
              ? Map.of()
              : Map.of("username", Map.of("from", actor, "to", username))));
          rc.response().putHeader("content-type", "application/json").end(JSON.createObjectNode()
              .put("success", true).put("message", "Password changed; log in again").put("newUsername", username)
              .toString());
        })
        .onFailure(err -> FailureResponses.send(rc.response(), ApiFamily.ADMIN, err instanceof FailureException fe
            ? fe.failure()
            : Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, "Store unavailable, try again")));
  }

  public void logout(RoutingContext rc) {
    String token = AdminGuard.token(rc);
    var verified = token == null ? java.util.Optional.<VerifiedToken>empty() : jwt.verify(token);
    Future<Void> revoke = verified.isEmpty()
        ? Future.succeededFuture()
        : Async.from(store.revoke(verified.get().id(), verified.get().expiresAt()));
    verified.ifPresent(v -> AuditLog.authDetail("admin.logout", Map.of("username", v.username(), "tokenId", v.id())));
    revoke.onComplete(ar -> rc.response().putHeader("content-type", "application/json")
        .end(JSON.createObjectNode().put("success", true).put("message", "Logged out").toString()));
  }

}
