package io.clauderelay.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.providers.translate.MessagesStreamToChatStream;
import io.clauderelay.providers.translate.MessagesToChat;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.BodyTap;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.clauderelay.server.relay.StreamTap;
import io.clauderelay.server.relay.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The OpenAI-compatible front door for Claude: Chat Completions in, translated to Anthropic
 * Messages for a Claude account, the answer (JSON or stream) translated back; billed from the
 * Anthropic usage.
 */
public final class ClaudeChatRoute implements RelayRoute {
  private final AnthropicUpstream upstream;

  public ClaudeChatRoute(AnthropicUpstream upstream) {
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
  public RelayRequest parse(Inbound in) {
    return ClaudeChatRequest.parse(in.bodyLength(), JsonBody.of(in));
  }

  @Override
  public Future<UpstreamReply> send(Upstream u) {
    return upstream.post(u.target().anthropic(), "/v1/messages", null,
        u.inbound().headers(), u.request().bodyFor(u.upstreamModel()), u.target().proxy(), u.onRequest())
        .map(UpstreamReply::of);
  }

  @Override
  public Answer answer(Inbound in, RelayRequest request) {
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
