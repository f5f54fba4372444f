package io.clauderelay.server.gemini;

import io.clauderelay.domain.Provider;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.relay.RelayRequest;
import io.clauderelay.server.relay.RelayRoute;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Gemini API pass-through for one action ({@code generateContent}, {@code streamGenerateContent}, {@code countTokens}). */
public final class GeminiRoute implements RelayRoute {
  static final String VERSION = "relay.geminiVersion";
  static final String MODEL = "relay.geminiModel";

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
  public RelayRequest parse(RoutingContext rc) {
    return GeminiRequest.parse(rc.body().buffer(), rc.get(MODEL), streaming());
  }

  @Override
  public Future<UpstreamExchange> send(Upstream u) {
    String path = "/" + u.rc().get(VERSION) + "/models/" + u.upstreamModel() + ":" + action;
    return upstream.send(HttpMethod.POST, u.target().baseUrl(), u.target().credential(), path,
        GeminiUpstream.queryWithoutKey(u.rc().request().query()), u.rc().request().headers(),
        u.request().bodyFor(u.upstreamModel()), u.target().proxy(), u.onRequest());
  }

  @Override
  public Answer answer(RoutingContext rc, RelayRequest request) {
    if (tokenCount()) return new Plain();
    if (!streaming()) return new Json(GeminiTaps.json());
    return new Stream("sse".equals(rc.request().getParam("alt")) ? GeminiTaps.sse() : GeminiTaps.jsonArray());
  }
}
