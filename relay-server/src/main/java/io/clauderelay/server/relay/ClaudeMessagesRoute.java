package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.server.http.ApiFamily;
import io.vertx.core.Future;

/** Anthropic Messages in, Anthropic Messages out: {@code /v1/messages} and {@code /v1/messages/count_tokens}. */
public final class ClaudeMessagesRoute implements RelayRoute {
  private final AnthropicUpstream upstream;
  private final boolean countTokens;

  public ClaudeMessagesRoute(AnthropicUpstream upstream, boolean countTokens) {
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
  public RelayRequest parse(Inbound in) {
    return MessagesRequest.parse(in.body(), countTokens);
  }

  @Override
  public Future<UpstreamReply> send(Upstream u) {
    String path = countTokens ? "/v1/messages/count_tokens" : "/v1/messages";
    return upstream.post(u.target().anthropic(), path, u.inbound().query(),
        u.inbound().headers(), u.request().bodyFor(u.upstreamModel()), u.target().proxy(), u.onRequest())
        .map(UpstreamReply::of);
  }

  @Override
  public Answer answer(Inbound in, RelayRequest request) {
    if (countTokens) return new Plain();
    return request.stream()
        ? new Stream(new PassThroughTap(new AnthropicStreamUsage(),
            message -> ResponsePump.sseError("api_error", message)))
        : new Json(JsonUsageTap.of("usage", AnthropicUsage::from, "model"));
  }

  @Override
  public boolean longContext(Inbound in, RelayRequest request) {
    String beta = in.header("anthropic-beta");
    return (beta != null && beta.contains("context-1m")) || request.model().contains("[1m]");
  }
}
