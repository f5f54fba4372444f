package io.clauderelay.server.gemini;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST /gemini/{v1beta|v1}/models/{model}:{action}}: reads version, model and action from
 * the path (Vert.x path parameters cannot hold the colon form) and hands over to that action's flow.
 */
public final class GeminiDispatch implements Handler<RoutingContext> {
  /** Matches the path after the mount: version, model, action. */
  public static final String PATH_REGEX = "/gemini/(v1beta|v1)/models/([^/:]+):([A-Za-z]+)";

  private final Map<String, Handler<RoutingContext>> actions;

  public GeminiDispatch(Map<String, Handler<RoutingContext>> actions) {
    this.actions = Map.copyOf(actions);
  }

  @Override
  public void handle(RoutingContext rc) {
    Handler<RoutingContext> flow = actions.get(rc.pathParam("param2"));
    if (flow == null) {
      rc.next(); // unknown action: the router's 404 in the Gemini shape
      return;
    }
    rc.put(GeminiRoute.VERSION, rc.pathParam("param0"));
    rc.put(GeminiRoute.MODEL, rc.pathParam("param1"));
    flow.handle(rc);
  }
}
