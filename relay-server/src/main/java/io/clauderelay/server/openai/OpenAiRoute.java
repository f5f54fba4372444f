package io.clauderelay.server.openai;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.providers.openai.OpenAiUpstream;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.clauderelay.server.relay.UpstreamReply;
import io.vertx.core.Future;

/**
 * OpenAI protocol pass-through: Chat Completions or Responses to OpenAI accounts, and Chat
 * Completions for {@code gemini-*} models to Gemini accounts through Google's OpenAI-compatible
 * endpoint ({@code /v1beta/openai/chat/completions}, same key as Bearer token).
 */
public final class OpenAiRoute implements RelayRoute {
  private final OpenAiUpstream upstream;
  private final Provider provider;
  private final boolean responses;

  private OpenAiRoute(OpenAiUpstream upstream, Provider provider, boolean responses) {
    this.upstream = upstream;
    this.provider = provider;
    this.responses = responses;
  }

  public static OpenAiRoute chat(OpenAiUpstream upstream) {
    return new OpenAiRoute(upstream, Provider.OPENAI, false);
  }

  public static OpenAiRoute responses(OpenAiUpstream upstream) {
    return new OpenAiRoute(upstream, Provider.OPENAI, true);
  }

  public static OpenAiRoute geminiChat(OpenAiUpstream upstream) {
    return new OpenAiRoute(upstream, Provider.GEMINI, false);
  }

  @Override
  public Provider provider() {
    return provider;
  }

  @Override
  public ApiFamily family() {
    return ApiFamily.OPENAI;
  }

  @Override
  public boolean tokenCount() {
    return false;
  }

  @Override
  public RelayRequest parse(Inbound in) {
    return responses
        ? OpenAiRequest.responses(in.body(), JsonBody.of(in))
        : OpenAiRequest.chat(in.body(), JsonBody.of(in));
  }

  @Override
  public Future<UpstreamReply> send(Upstream u) {
    String url = provider == Provider.GEMINI
        ? GeminiUpstream.base(u.target().baseUrl()) + "/v1beta/openai/chat/completions"
        : OpenAiUpstream.base(u.target().baseUrl()) + (responses ? "/v1/responses" : "/v1/chat/completions");
    return upstream.post(url, u.target().credential(), u.inbound().headers(),
        u.request().bodyFor(u.upstreamModel()),
        u.target().proxy(), u.onRequest()).map(UpstreamReply::of);
  }

  @Override
  public Answer answer(Inbound in, RelayRequest request) {
    if (!request.stream()) return new Json(OpenAiTaps.json(responses));
    return new Stream(OpenAiTaps.stream(responses, ((OpenAiRequest) request).addedUsage()));
  }
}
