package io.clauderelay.server.gemini;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.clauderelay.server.relay.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/** Gemini API pass-through for one action ({@code generateContent}, {@code streamGenerateContent}, {@code countTokens}). */
public final class GeminiRoute implements RelayRoute {
  /** The path parameters {@link GeminiDispatch} reads from the path. */
  static final String VERSION = "version";
  static final String MODEL = "model";

  private final GeminiUpstream upstream;
  private final String action;

  public GeminiRoute(GeminiUpstream upstream, String action) {
    this.upstream = upstream;
    this.action = action;
  }

  private boolean streaming() {
    return action.equals("streamGenerateContent");
  }

  @Override
  public Provider provider() {
    return Provider.GEMINI;
  }

  @Override
  public ApiFamily family() {
    return ApiFamily.GEMINI;
  }

  @Override
  public boolean tokenCount() {
    return action.equals("countTokens");
  }

  @Override
  public RelayRequest parse(Inbound in) {
    return GeminiRequest.parse(in.body(), in.pathParam(MODEL), streaming());
  }

  @Override
  public Future<UpstreamReply> send(Upstream u) {
    String path = "/" + u.inbound().pathParam(VERSION) + "/models/" + u.upstreamModel() + ":" + action;
    return upstream.send(HttpMethod.POST, u.target().baseUrl(), u.target().credential(), path,
        GeminiUpstream.queryWithoutKey(u.inbound().query()), u.inbound().headers(),
        u.request().bodyFor(u.upstreamModel()), u.target().proxy(), u.onRequest()).map(UpstreamReply::of);
  }

  @Override
  public Answer answer(Inbound in, RelayRequest request) {
    if (tokenCount()) return new Plain();
    if (!streaming()) return new Json(GeminiTaps.json());
    return new Stream("sse".equals(in.queryParam("alt")) ? GeminiTaps.sse() : GeminiTaps.jsonArray());
  }
}
