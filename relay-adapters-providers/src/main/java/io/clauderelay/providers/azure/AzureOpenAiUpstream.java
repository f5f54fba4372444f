package io.clauderelay.providers.azure;

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

/**
 * Calls one Azure OpenAI deployment with the OpenAI protocol: Chat Completions on the deployment's
 * path, the Responses API with the deployment as {@code model}; the resource key in {@code api-key}
 * (never the client's), {@code api-version} in the query, identity encoding so usage can be read.
 */
public final class AzureOpenAiUpstream {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UpstreamHttp http;

  public AzureOpenAiUpstream(UpstreamHttp http) {
    this.http = http;
  }

  /** POSTs a Chat Completions body (unchanged: the path names the deployment). */
  public Future<UpstreamExchange> chat(AzureTarget target, MultiMap clientHeaders, Buffer body, ProxyOptions proxy,
      Consumer<HttpClientRequest> onRequest) {
    return http.send(HttpMethod.POST, target.chatUrl(), headers(target, clientHeaders), body, proxy, onRequest);
  }

  /** POSTs a Responses body with its {@code model} replaced by the deployment, as Azure requires. */
  public Future<UpstreamExchange> responses(AzureTarget target, MultiMap clientHeaders, Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    return http.send(HttpMethod.POST, target.responsesUrl(), headers(target, clientHeaders),
        withModel(body, target.deployment()), proxy, onRequest);
  }

  /** The body with {@code model} set to {@code model}; a body that is not a JSON object goes unchanged. */
  static Buffer withModel(Buffer body, String model) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      if (!(root instanceof ObjectNode object)) return body;
      object.put("model", model);
      return Buffer.buffer(JSON.writeValueAsBytes(object));
    } catch (IOException unparseable) {
      return body;
    }
  }

  private static MultiMap headers(AzureTarget target, MultiMap clientHeaders) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HeaderAllowList.copy(clientHeaders, headers);
    headers.set("content-type", "application/json");
    headers.set("accept-encoding", "identity");
    headers.set("api-key", target.apiKey());
    return headers;
  }
}
