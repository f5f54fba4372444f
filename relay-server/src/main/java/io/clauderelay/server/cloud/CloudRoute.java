package io.clauderelay.server.cloud;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.vertex.VertexUpstream;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.clauderelay.server.relay.UpstreamReply;
import io.clauderelay.server.relay.UpstreamTarget;
import io.vertx.core.Future;

/**
 * A relayed API that cloud accounts serve too: everything is the wrapped route's (parsing, the
 * answer's taps, billing) except the call itself when the chosen account is an Azure OpenAI, a
 * Vertex AI or an AWS Bedrock one. Azure speaks the OpenAI protocol, Vertex streams Anthropic's
 * events and Bedrock's event stream is decoded into them (the exchange's body decoder), so the
 * route's own taps read their answers unchanged.
 */
public final class CloudRoute implements RelayRoute {
  /** Which call a cloud account gets for this route. */
  public enum Door {
    /** Anthropic Messages (also the translated OpenAI-compatible Claude door): Vertex rawPredict, Bedrock InvokeModel. */
    MESSAGES,
    /** Anthropic's token count: Vertex's count-tokens model, Bedrock's CountTokens. */
    COUNT_TOKENS,
    /** OpenAI Chat Completions: Azure's deployment path. */
    CHAT,
    /** OpenAI Responses: Azure's Responses API. */
    RESPONSES
  }

  private final RelayRoute route;
  private final Door door;
  private final CloudUpstreams cloud;

  public CloudRoute(RelayRoute route, Door door, CloudUpstreams cloud) {
    this.route = route;
    this.door = door;
    this.cloud = cloud;
  }

  @Override
  public Future<UpstreamReply> send(Upstream u) {
    UpstreamTarget t = u.target();
    return switch (t.kind()) {
      case AZURE_API_KEY -> door == Door.CHAT || door == Door.RESPONSES
          ? cloud.azure(door == Door.RESPONSES, CloudUpstreams.azureTarget(t.baseUrl(), t.credential(), t.options()),
              u.inbound().headers(), u.request().bodyFor(u.upstreamModel()), t.proxy(), u.onRequest())
              .map(UpstreamReply::of)
          : wrongDoor(t);
      case GOOGLE_SERVICE_ACCOUNT -> door == Door.MESSAGES || door == Door.COUNT_TOKENS
          ? vertex(u, t, VertexUpstream.vertexModel(u.upstreamModel()))
          : wrongDoor(t);
      case BEDROCK -> door == Door.MESSAGES || door == Door.COUNT_TOKENS
          ? cloud.bedrock(t.baseUrl(), t.bedrock(), u.upstreamModel(), door == Door.COUNT_TOKENS,
              u.inbound().headers(), u.request().bodyFor(u.upstreamModel()), t.proxy(), u.onRequest())
              .map(UpstreamReply::of)
          : wrongDoor(t);
      default -> route.send(u);
    };
  }

  private Future<UpstreamReply> vertex(Upstream u, UpstreamTarget t, String model) {
    return cloud.vertex(new CloudUpstreams.VertexCall(t.baseUrl(), t.options(), t.credential()), model,
        u.request().stream(), door == Door.COUNT_TOKENS, u.inbound().headers(), u.request().bodyFor(model),
        t.proxy(), u.onRequest()).map(UpstreamReply::of);
  }

  /** The scheduler picks accounts by provider, so this means a wiring bug, never a client's fault. */
  private static Future<UpstreamReply> wrongDoor(UpstreamTarget t) {
    return Future.failedFuture(new IllegalStateException(t.kind() + " account chosen for a route it cannot serve"));
  }

  @Override
  public Provider provider() {
    return route.provider();
  }

  @Override
  public ApiFamily family() {
    return route.family();
  }

  @Override
  public boolean tokenCount() {
    return route.tokenCount();
  }

  @Override
  public RelayRequest parse(Inbound inbound) {
    return route.parse(inbound);
  }

  @Override
  public Answer answer(Inbound inbound, RelayRequest request) {
    return route.answer(inbound, request);
  }

  @Override
  public boolean longContext(Inbound inbound, RelayRequest request) {
    return route.longContext(inbound, request);
  }
}
