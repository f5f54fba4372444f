package io.clauderelay.server.gemini;

import io.clauderelay.server.http.RelayEndpoint;
import io.clauderelay.server.relay.RelayHandler;
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

  private final Map<String, RelayHandler> actions;

  public GeminiDispatch(Map<String, RelayHandler> actions) {
    this.actions = Map.copyOf(actions);
  }

  @Override
  public void handle(RoutingContext rc) {
    RelayHandler flow = actions.get(rc.pathParam("param2"));
    if (flow == null) {
      rc.next(); // unknown action: the router's 404 in the Gemini shape
      return;
    }
    flow.handle(RelayEndpoint.inbound(rc,
        Map.of(GeminiRoute.VERSION, rc.pathParam("param0"), GeminiRoute.MODEL, rc.pathParam("param1"))),
        RelayEndpoint.response(rc));
  }
}
