package io.clauderelay.server.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser-facing pages, served from classpath resources with no build step: the admin console
 * at {@code /admin-next/} and the key owners' stats page at {@code /apiStats/} (mounted by the route table).
 */
public final class WebPages {
  private WebPages() {}

  /** Vert.x routes "/x" for "/x/" too: only the bare form is redirected, so relative asset links resolve. */
  public static Handler<RoutingContext> slashTo(String target) {
    return rc -> {
      if (rc.request().path().endsWith("/")) rc.next();
      else rc.redirect(target);
    };
  }

  public static StaticHandler pages(String root) {
    // The pages change with the release; a stale cached script against a newer API confuses more than it saves.
    return StaticHandler.create(root).setCachingEnabled(false).setIndexPage("index.html")
        .setDirectoryListing(false);
  }
}
