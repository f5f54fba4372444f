package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.server.bedrock.ClaudeUpstreams;
import io.clauderelay.server.http.ApiFamily;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Anthropic Messages in, Anthropic Messages out: {@code /v1/messages} and {@code /v1/messages/count_tokens}. */
public final class ClaudeMessagesRoute implements RelayRoute {
  private final ClaudeUpstreams upstream;
  private final boolean countTokens;

  public ClaudeMessagesRoute(ClaudeUpstreams upstream, boolean countTokens) {
    this.upstream = upstream;
    this.countTokens = countTokens;
  }

  @Override
  public Provider provider() {
    return Provider.CLAUDE;
  }

  @Override
  public ApiFamily family() {
    return ApiFamily.ANTHROPIC;
  }

  @Override
  public boolean tokenCount() {
    return countTokens;
  }

  @Override
  public RelayRequest parse(RoutingContext rc) {
    return MessagesRequest.parse(rc.body().buffer(), countTokens);
  }

  @Override
  public Future<UpstreamExchange> send(Upstream u) {
    return upstream.post(u.target(), u.upstreamModel(), countTokens, u.rc().request().query(),
        u.rc().request().headers(), u.request().bodyFor(u.upstreamModel()), u.onRequest());
  }

  @Override
  public Answer answer(RoutingContext rc, RelayRequest request) {
    if (countTokens) return new Plain();
    return request.stream()
        ? new Stream(new PassThroughTap(new AnthropicStreamUsage(),
            message -> ResponsePump.sseError("api_error", message)))
        : new Json(JsonUsageTap.of("usage", AnthropicUsage::from, "model"));
  }

  @Override
  public boolean longContext(RoutingContext rc, RelayRequest request) {
    String beta = rc.request().getHeader("anthropic-beta");
    return (beta != null && beta.contains("context-1m")) || request.model().contains("[1m]");
  }
}
