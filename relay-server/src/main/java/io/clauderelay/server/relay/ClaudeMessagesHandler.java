package io.clauderelay.server.relay;

import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.server.RelayServices;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/messages} and {@code /v1/messages/count_tokens}: the relay flow on the Anthropic Messages route. */
public final class ClaudeMessagesHandler implements Handler<RoutingContext> {
  private final RelayFlow flow;

  public ClaudeMessagesHandler(RelayServices services, RelaySettings settings, ClientKeyAuthenticator auth,
      KeyChanges keyChanges, AnthropicUpstream upstream, UsageRecorder recorder, InFlight inFlight, boolean countTokens,
      ClaudeOAuthAccounts oauth) {
    this.flow = new RelayFlow(new RelayFlow.Deps(services, settings, auth, keyChanges, recorder, inFlight, oauth),
        new ClaudeMessagesRoute(upstream, countTokens));
  }

  @Override
  public void handle(RoutingContext rc) {
    flow.handle(rc);
  }
}
