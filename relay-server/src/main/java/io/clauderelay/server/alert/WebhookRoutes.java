package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's alert settings API under {@code /admin/webhook} (the admin guard is already on
 * {@code /admin/*}), with its routes, bodies and envelopes ({@code {success, message, config}} /
 * {@code {success, message, platform}}). Secrets are shown masked; a masked value sent back keeps
 * the stored one.
 */
public final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  private final WebhookConfigStore store;
  private final Alerts alerts;
  private final AlertSender sender;
  private final Clock clock;

  public WebhookRoutes(WebhookConfigStore store, Alerts alerts, AlertSender sender, Clock clock) {
    this.store = store;
    this.alerts = alerts;
    this.sender = sender;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/admin/webhook/config").handler(this::getConfig);
    router.post("/admin/webhook/config").handler(this::saveConfig);
    router.post("/admin/webhook/platforms").handler(this::addPlatform);
    router.put("/admin/webhook/platforms/:id").handler(this::updatePlatform);
    router.delete("/admin/webhook/platforms/:id").handler(this::deletePlatform);
    router.post("/admin/webhook/platforms/:id/toggle").handler(this::togglePlatform);
    router.post("/admin/webhook/test").handler(this::test);
    router.post("/admin/webhook/test-notification").handler(this::testNotification);
  }

  void getConfig(RoutingContext rc) {
    reply(rc, Future.fromCompletionStage(store.load()).map(c -> envelope(null).set("config", c.shown())));
  }

  void saveConfig(RoutingContext rc) {
    reply(rc, body(rc).compose(given -> Future.fromCompletionStage(store.load()).compose(stored -> {
      WebhookConfig next = WebhookConfig.over(given, clock.instant());
      next.platformArray().forEach(p -> {
        if (p.isObject())
          WebhookConfig.keepMaskedSecrets((ObjectNode) p, find(stored, p.path("id").asText(null)).orElse(null));
      });
      PlatformRules.checkAll(next.root());
      return Future.fromCompletionStage(store.save(next));
    })).map(c -> envelope("Webhook配置已保存").set("config", c.shown())));
  }

  void addPlatform(RoutingContext rc) {
    reply(rc, body(rc).compose(p -> Future.fromCompletionStage(store.load()).compose(c -> {
      if (!p.hasNonNull("id") || p.get("id").asText().isBlank()) p.put("id", UUID.randomUUID().toString());
      if (find(c, p.get("id").asText()).isPresent())
        throw PlatformRules.bad("a platform with id " + p.get("id").asText() + " exists");
      p.put("enabled", p.path("enabled").asBoolean(true));
      p.put("createdAt", clock.instant().toString());
      PlatformRules.check(p);
      c.platformArray().add(p);
      return Future.fromCompletionStage(store.save(c))
          .map(v -> envelope("Webhook平台已添加").set("platform", WebhookConfig.masked(p)));
    })));
  }

  void updatePlatform(RoutingContext rc) {
    String id = rc.pathParam("id");
    reply(rc, body(rc).compose(updates -> Future.fromCompletionStage(store.load()).compose(c -> {
      ObjectNode p = find(c, id).orElseThrow(() -> notFound(id));
      WebhookConfig.keepMaskedSecrets(updates, p);
      ObjectNode merged = p.deepCopy();
      merged.setAll(updates);
      merged.put("id", id);
      merged.put("updatedAt", clock.instant().toString());
      PlatformRules.check(merged);
      p.removeAll();
      p.setAll(merged);
      return Future.fromCompletionStage(store.save(c))
          .map(v -> envelope("Webhook平台已更新").set("platform", WebhookConfig.masked(p)));
    })));
  }

  void deletePlatform(RoutingContext rc) {
    String id = rc.pathParam("id");
    reply(rc, Future.fromCompletionStage(store.load()).compose(c -> {
      find(c, id).orElseThrow(() -> notFound(id));
      for (int i = c.platformArray().size() - 1; i >= 0; i--) {
        if (id.equals(c.platformArray().get(i).path("id").asText())) c.platformArray().remove(i);
      }
      return Future.fromCompletionStage(store.save(c)).map(v -> envelope("Webhook平台已删除"));
    }));
  }

  void togglePlatform(RoutingContext rc) {
    String id = rc.pathParam("id");
    reply(rc, Future.fromCompletionStage(store.load()).compose(c -> {
      ObjectNode p = find(c, id).orElseThrow(() -> notFound(id));
      p.put("enabled", !p.path("enabled").asBoolean(true));
      p.put("updatedAt", clock.instant().toString());
      return Future.fromCompletionStage(store.save(c))
          .map(v -> envelope("Webhook平台已" + (p.get("enabled").asBoolean() ? "启用" : "禁用"))
              .set("platform", WebhookConfig.masked(p)));
    }));
  }

  /** Sends one test message to the platform in the body (a stored one's masked secrets are filled in), one try. */
  void test(RoutingContext rc) {
    body(rc).compose(p -> Future.fromCompletionStage(store.load()).compose(c -> {
      if (!p.hasNonNull("type")) p.put("type", "custom");
      WebhookConfig.keepMaskedSecrets(p, find(c, p.path("id").asText(null)).orElse(null));
      PlatformRules.check(p);
      ObjectNode data = WebhookConfig.JSON.createObjectNode()
          .put("message", "Claude Relay Service webhook测试 / webhook test")
          .put("timestamp", clock.instant().toString());
      AlertMessage m = new AlertMessage("test", data, clock.instant().atOffset(java.time.ZoneOffset.UTC));
      return sender.send(p, m, 1, 0).map(v -> envelope("Webhook测试成功"))
          .recover(err -> {
            ObjectNode failed = envelope("Webhook测试失败").put("success", false).put("error", err.getMessage());
            rc.response().setStatusCode(400);
            return Future.succeededFuture(failed);
          });
    })).onComplete(
        ar -> respond(rc, ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
  }

  void testNotification(RoutingContext rc) {
    reply(rc, Future.fromCompletionStage(store.load()).compose(c -> {
      if (!c.enabled() || c.enabledPlatforms().isEmpty()) {
        throw PlatformRules.bad("Webhook notifications are off or no platform is enabled");
      }
      ObjectNode data = WebhookConfig.JSON.createObjectNode().put("accountId", "test-account-id")
          .put("accountName", "测试账号 test account").put("status", "test").put("errorCode", "TEST_NOTIFICATION")
          .put("reason", "手动测试通知 manual test").put("timestamp", clock.instant().toString());
      return alerts.deliver(c, new AlertMessage("test", data, clock.instant().atOffset(java.time.ZoneOffset.UTC)))
          .map(results -> {
            ObjectNode out = envelope("测试通知已发送 test notification sent");
            out.putObject("data").put("succeeded", results.stream().filter(b -> b).count())
                .put("failed", results.stream().filter(b -> !b).count());
            return out;
          });
    }));
  }

  private static Optional<ObjectNode> find(WebhookConfig c, String id) {
    if (id == null) return Optional.empty();
    return c.platforms().stream().filter(p -> id.equals(p.path("id").asText())).findFirst();
  }

  private static FailureException notFound(String id) {
    return new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND, "No webhook platform with id " + id));
  }

  private static ObjectNode envelope(String message) {
    ObjectNode root = WebhookConfig.JSON.createObjectNode().put("success", true);
    if (message != null) root.put("message", message);
    return root;
  }

  private static Future<ObjectNode> body(RoutingContext rc) {
    try {
      JsonNode tree = WebhookConfig.JSON.readTree(rc.body().buffer() == null ? "" : rc.body().asString());
      if (tree == null || !tree.isObject()) throw PlatformRules.bad("the body must be a JSON object");
      return Future.succeededFuture((ObjectNode) tree);
    } catch (java.io.IOException e) {
      return Future.failedFuture(PlatformRules.bad("the body is not JSON"));
    } catch (FailureException e) {
      return Future.failedFuture(e);
    }
  }

  private static void reply(RoutingContext rc, Future<ObjectNode> result) {
    result.onComplete(
        ar -> respond(rc, ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
  }

  private static void respond(RoutingContext rc, Future<ObjectNode> result) {
    if (result.succeeded()) {
      rc.response().putHeader("content-type", "application/json").end(result.result().toString());
      return;
    }
    Throwable err = result.cause();
    if (err instanceof FailureException fe) {
      FailureResponses.send(rc.response(), ApiFamily.ADMIN, fe.failure());
      return;
    }
    LOG.error("webhook admin request {} {} failed", rc.request().method(), rc.request().path(), err);
    FailureResponses.send(rc.response(), ApiFamily.ADMIN, Failure.of(FailureKind.RELAY_INTERNAL, "Internal error"));
  }
}
