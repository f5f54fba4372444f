package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.translate.MessagesStreamToChatStream;
import io.clauderelay.providers.translate.MessagesToChat;
import io.clauderelay.server.bedrock.ClaudeUpstreams;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.BodyTap;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.clauderelay.server.relay.StreamTap;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible front door for Claude: Chat Completions in, translated to Anthropic
 * Messages for a Claude account, the answer (JSON or stream) translated back; billed from the
 * Anthropic usage.
 */
public final class ClaudeChatRoute implements RelayRoute {
  private final ClaudeUpstreams upstream;

  public ClaudeChatRoute(ClaudeUpstreams upstream) {
    this.upstream = upstream;
  }

  @Override
  public Provider provider() {
    return Provider.CLAUDE;
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
  public RelayRequest parse(RoutingContext rc) {
    return ClaudeChatRequest.parse(rc.body().length(), JsonBody.of(rc));
  }

  @Override
  public Future<UpstreamExchange> send(Upstream u) {
    return upstream.post(u.target(), u.upstreamModel(), false, null,
        u.rc().request().headers(), u.request().bodyFor(u.upstreamModel()), u.onRequest());
  }

  @Override
  public Answer answer(RoutingContext rc, RelayRequest request) {
    ClaudeChatRequest chat = (ClaudeChatRequest) request;
    if (chat.stream()) return new Stream(stream(new MessagesStreamToChatStream(chat.model(), chat.includeUsage())));
    return new Json(json(chat.model()));
  }

  private static StreamTap stream(MessagesStreamToChatStream translator) {
    return new StreamTap() {
      @Override
      public Buffer feed(Buffer chunk) {
        return Buffer.buffer(translator.feed(chunk.getBytes()));
      }

      @Override
      public Buffer finish() {
        return Buffer.buffer(translator.finish());
      }

      @Override
      public Buffer interrupted(String message) {
        return Buffer.buffer(translator.fail("api_error", message));
      }

      @Override
      public TokenUsage usage() {
        return translator.usage();
      }

      @Override
      public String model() {
        return translator.upstreamModel();
      }
    };
  }

  private static BodyTap json(String requestedModel) {
    return body -> {
      try {
        JsonNode root = JsonBody.JSON.readTree(body.getBytes());
        if (!(root instanceof ObjectNode message)) return new BodyTap.Result(body, TokenUsage.ZERO, null);
        return new BodyTap.Result(Buffer.buffer(MessagesToChat.translate(message, requestedModel).toString()),
            AnthropicUsage.from(message.get("usage")),
            message.hasNonNull("model") ? message.get("model").asText() : null);
      } catch (java.io.IOException unparseable) {
        return new BodyTap.Result(body, TokenUsage.ZERO, null);
      }
    };
  }
}
