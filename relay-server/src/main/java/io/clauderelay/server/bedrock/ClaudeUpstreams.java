package io.clauderelay.server.bedrock;

import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.bedrock.BedrockUpstream;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.server.relay.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.util.function.Consumer;

/**
 * Where a Claude route's request goes for the account chosen: Anthropic's Messages API (console and
 * subscription accounts), or Claude on Bedrock. Either way the answer comes back in Anthropic's
 * shapes, so the routes' taps, usage readers and translations do not know which it was.
 */
public final class ClaudeUpstreams {
  private final AnthropicUpstream anthropic;
  private final BedrockUpstream bedrock;

  public ClaudeUpstreams(AnthropicUpstream anthropic, BedrockUpstream bedrock) {
    this.anthropic = anthropic;
    this.bedrock = bedrock;
  }

  /** POSTs a Messages ({@code countTokens}: count_tokens) body for {@code model} to {@code target}. */
  public Future<UpstreamExchange> post(UpstreamTarget target, String model, boolean countTokens, String query,
      MultiMap clientHeaders, Buffer body, Consumer<HttpClientRequest> onRequest) {
    if (target.kind() == UpstreamTarget.CredentialKind.BEDROCK) {
      return bedrock.post(target.baseUrl(), target.bedrock(), model, countTokens, clientHeaders, body, target.proxy(),
          onRequest);
    }
    String path = countTokens ? "/v1/messages/count_tokens" : "/v1/messages";
    return anthropic.post(target.anthropic(), path, query, clientHeaders, body, target.proxy(), onRequest);
  }
}
