package io.clauderelay.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.providers.common.HeaderAllowList;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Calls Claude on Vertex AI: an Anthropic Messages body sent to the model's {@code rawPredict} (or
 * {@code streamRawPredict}) with {@code anthropic_version: vertex-2023-10-16} in the body instead of
 * the model (the URL names it), the account's access token as Bearer, the client's betas kept.
 */
public final class VertexUpstream {
  public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
  /** Vertex model ids such as {@code claude-sonnet-4-5@20250929}; they go into the URL path. */
  public static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Anthropic's dated id, {@code claude-sonnet-4-5-20250929}. */
  private static final Pattern DATED = Pattern.compile("(claude-[a-z0-9.-]+)-(20[0-9]{6})");

  /**
   * The model as Vertex names it: Anthropic's dated id with {@code @} before the date (what Claude
   * Code and the SDKs send, unless the account maps it); anything else unchanged.
   */
  public static String vertexModel(String model) {
    if (model == null) return null;
    java.util.regex.Matcher m = DATED.matcher(model);
    return m.matches() ? m.group(1) + "@" + m.group(2) : model;
  }

  private final UpstreamHttp http;

  public VertexUpstream(UpstreamHttp http) {
    this.http = http;
  }

  /** One Messages call: {@code streamRawPredict} when {@code stream}, else {@code rawPredict}. */
  public Future<UpstreamExchange> messages(VertexTarget target, String model, boolean stream, MultiMap clientHeaders,
      Buffer messagesBody, ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    if (!MODEL.matcher(model == null ? "" : model).matches()) {
      return Future.failedFuture(new IllegalArgumentException("not a Vertex model id: " + model));
    }
    return http.send(HttpMethod.POST, target.url(model, stream ? "streamRawPredict" : "rawPredict"),
        headers(target, clientHeaders), messagesBody(messagesBody), proxy, onRequest);
  }

  /** A token count: Vertex's {@code count-tokens} model; the body keeps its {@code model} (which model counts). */
  public Future<UpstreamExchange> countTokens(VertexTarget target, MultiMap clientHeaders, Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    return http.send(HttpMethod.POST, target.url("count-tokens", "rawPredict"), headers(target, clientHeaders),
        vertexBody(body, false), proxy, onRequest);
  }

  /** The Messages body as Vertex takes it: no {@code model}, {@code anthropic_version} set. */
  static Buffer messagesBody(Buffer body) {
    return vertexBody(body, true);
  }

  private static Buffer vertexBody(Buffer body, boolean withoutModel) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      if (!(root instanceof ObjectNode object)) return body;
      if (withoutModel) object.remove("model");
      object.put("anthropic_version", ANTHROPIC_VERSION);
      return Buffer.buffer(JSON.writeValueAsBytes(object));
    } catch (IOException unparseable) {
      return body;
    }
  }

  private static MultiMap headers(VertexTarget target, MultiMap clientHeaders) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HeaderAllowList.copy(clientHeaders, headers);
    // On Vertex the version is the body's anthropic_version, not a header.
    headers.remove("anthropic-version");
    headers.set("content-type", "application/json");
    headers.set("accept-encoding", "identity");
    headers.set("authorization", "Bearer " + target.accessToken());
    return headers;
  }
}
