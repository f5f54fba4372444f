package io.clauderelay.server.console;

import io.clauderelay.server.stats.ApiStatsRoutes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser-facing pages, served from classpath resources with no build step: the admin console
 * at {@code /admin-next/} and the key owners' stats page at {@code /apiStats/}, plus its API.
 */
public final class WebPages implements Handler<Router> {
  private final ApiStatsRoutes apiStats;

  public WebPages(ApiStatsRoutes apiStats) {
    this.apiStats = apiStats;
  }

  @Override
  public void handle(Router router) {
    router.post("/apiStats/api/user-stats").handler(apiStats::userStats);
    router.get("/admin-next").handler(rc -> slash(rc, "/admin-next/"));
    router.get("/apiStats").handler(rc -> slash(rc, "/apiStats/"));
    router.get("/admin-next/*").handler(pages("webui/console"));
    router.get("/apiStats/*").handler(pages("webui/apistats"));
  }

  /** Vert.x routes "/x" for "/x/" too: only the bare form is redirected, so relative asset links resolve. */
  private static void slash(RoutingContext rc, String target) {
    if (rc.request().path().endsWith("/")) rc.next();
    else rc.redirect(target);
  }

  private static StaticHandler pages(String root) {
    // The pages change with the release; a stale cached script against a newer API confuses more than it saves.
    return StaticHandler.create(root).setCachingEnabled(false).setIndexPage("index.html")
        .setDirectoryListing(false);
  }
}
