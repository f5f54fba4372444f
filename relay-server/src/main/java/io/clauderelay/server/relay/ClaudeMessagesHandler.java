package io.clauderelay.server.relay;

import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/messages} and {@code /v1/messages/count_tokens}: the relay flow on the Anthropic Messages route. */
public final class ClaudeMessagesHandler implements Handler<RoutingContext> {
  private final RelayFlow flow;

  public ClaudeMessagesHandler(RelayFlow.Deps deps, AnthropicUpstream upstream, boolean countTokens) {
    this.flow = new RelayFlow(deps, new ClaudeMessagesRoute(upstream, countTokens));
  }

  @Override
  public void handle(RoutingContext rc) {
    flow.handle(rc);
  }
}
