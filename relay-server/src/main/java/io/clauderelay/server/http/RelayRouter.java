package io.clauderelay.server.http;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.admin.AdminAuthRoutes;
import io.clauderelay.server.admin.AdminGuard;
import io.clauderelay.server.admin.ApiKeyAdminRoutes;
import io.clauderelay.server.admin.OperationsRoutes;
import io.clauderelay.server.admin.ClaudeOAuthAccountRoutes;
import io.clauderelay.server.health.HealthRoute;
import io.clauderelay.server.log.AccessLog;
import io.clauderelay.server.relay.ClaudeMessagesHandler;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.clauderelay.server.routes.VendorRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route table: which path goes to which handler, and the catch-alls for 404/405/413/500. */
public final class RelayRouter {
  private static final Logger LOG = LoggerFactory.getLogger(RelayRouter.class);

  /** Everything the routes need, built by the composition root. */
  public record Routes(
      long maxBodyBytes,
      ClaudeMessagesHandler messages,
      ClaudeMessagesHandler countTokens,
      KeySelfRoutes self,
      HealthRoute health,
      AdminAuthRoutes adminAuth,
      AdminGuard adminGuard,
      ApiKeyAdminRoutes apiKeys,
      AccountAdminRoutes consoleAccounts,
      ShutdownGate shutdown,
      OperationsRoutes operations,
      VendorRoutes vendors) {}

  private RelayRouter() {}

  public static Router build(Vertx vertx, Routes r) {
    Router router = Router.router(vertx);
    BodySizeGuard sizeGuard = new BodySizeGuard(r.maxBodyBytes());
    router.route().handler(RequestIds::assign);
    router.route().handler(AccessLog::handle);
    router.route().handler(SecurityHeaders::handle);
    router.route().handler(r.shutdown()::handle);
    router.route().handler(sizeGuard::handle);
    // Preallocating from Content-Length (Vert.x caps it at 64 KB) spares regrowing the buffer as chunks arrive.
    router.route().handler(BodyHandler.create(false).setBodyLimit(r.maxBodyBytes()).setPreallocateBodyBuffer(true));

    for (String prefix : new String[] {"/api", "/claude", "/api/claude"}) {
      router.post(prefix + "/v1/messages").handler(r.messages());
      router.post(prefix + "/v1/messages/count_tokens").handler(r.countTokens());
      router.get(prefix + "/v1/models").handler(r.self()::models);
      router.get(prefix + "/v1/key-info").handler(r.self()::keyInfo);
      router.get(prefix + "/v1/usage").handler(r.self()::usage);
      router.get(prefix + "/v1/me").handler(r.self()::me);
    }
    router.post("/api/event_logging/batch").handler(rc ->
        rc.response().putHeader("content-type", "application/json").end("{\"success\":true}"));
    router.get("/health").handler(r.health()::handle);

    router.post("/web/auth/login").handler(r.adminAuth()::login);
    router.post("/web/auth/logout").handler(r.adminAuth()::logout);
    router.route("/admin/*").handler(r.adminGuard()::handle);
    router.post("/web/auth/change-password").handler(r.adminGuard()::handle).handler(r.adminAuth()::changePassword);
    r.operations().mountBeforeKeyIds(router);
    router.post("/admin/api-keys").handler(r.apiKeys()::create);
    router.get("/admin/api-keys").handler(r.apiKeys()::list);
    router.put("/admin/api-keys/:keyId").handler(r.apiKeys()::update);
    router.delete("/admin/api-keys/:keyId").handler(r.apiKeys()::delete);
    router.post("/admin/claude-console-accounts").handler(r.consoleAccounts()::create);
    router.get("/admin/claude-console-accounts").handler(r.consoleAccounts()::list);
    r.operations().mount(router);
    r.vendors().mount(router);

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

  /** The Claude subscription account routes (admin guard already on {@code /admin/*}). */
  public static void mountClaudeOAuth(Router router, ClaudeOAuthAccountRoutes r) {
    router.post("/admin/claude-accounts/generate-auth-url").handler(r::generateAuthUrl);
    router.post("/admin/claude-accounts/exchange-code").handler(r::exchangeCode);
    router.post("/admin/claude-accounts/:id/refresh").handler(r::refresh);
    router.post("/admin/claude-accounts").handler(r::create);
    router.get("/admin/claude-accounts").handler(r::list);
  }

  private static void send(RoutingContext rc, Failure failure) {
    FailureResponses.send(rc.response(), ApiFamily.ofPath(rc.request().path()), failure);
  }

}
