package io.clauderelay.server.cloud;

import io.clauderelay.providers.azure.AzureOpenAiUpstream;
import io.clauderelay.providers.azure.AzureTarget;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.clauderelay.providers.bedrock.BedrockUpstream;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.providers.vertex.VertexAccessTokens;
import io.clauderelay.providers.vertex.VertexTarget;
import io.clauderelay.providers.vertex.VertexUpstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.net.ProxyOptions;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cloud vendors' calls as the relay makes them, for traffic and for the account test alike:
 * Azure OpenAI (a deployment, its API version, the resource key) and Claude on Vertex AI (a
 * project and region, an access token for the account's service account, cached by
 * {@link VertexAccessTokens}). An account's options name its deployment, project and region.
 * Claude on AWS Bedrock too: its region, default model and keys travel inside the encrypted
 * credential ({@link BedrockCredential}), its endpoint is the account's base URL.
 */
public final class CloudUpstreams {
  /** The account option names, as the admin API and the CRS import write them. */
  public static final String DEPLOYMENT = "deploymentName";
  public static final String API_VERSION = "apiVersion";
  public static final String PROJECT = "projectId";
  public static final String REGION = "region";
  /** The service account's e-mail, kept beside the encrypted key file so lists need not decrypt it. */
  public static final String CLIENT_EMAIL = "clientEmail";

  private final AzureOpenAiUpstream azure;
  private final VertexUpstream vertex;
  private final VertexAccessTokens tokens;
  private final BedrockUpstream bedrock;

  public CloudUpstreams(UpstreamHttp http, VertexAccessTokens tokens, BedrockUpstream bedrock) {
    this.azure = new AzureOpenAiUpstream(http);
    this.vertex = new VertexUpstream(http);
    this.tokens = tokens;
    this.bedrock = bedrock;
  }

  public VertexAccessTokens tokens() {
    return tokens;
  }

  public static AzureTarget azureTarget(String endpoint, String apiKey, Map<String, String> options) {
    return new AzureTarget(endpoint, options.get(DEPLOYMENT), options.get(API_VERSION), apiKey);
  }

  /** Azure Chat Completions or Responses. */
  public Future<UpstreamExchange> azure(boolean responses, AzureTarget target, MultiMap clientHeaders, Buffer body,
      ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    return responses
        ? azure.responses(target, clientHeaders, body, proxy, onRequest)
        : azure.chat(target, clientHeaders, body, proxy, onRequest);
  }

  /** What a Vertex call needs besides its token. */
  public record VertexCall(String baseUrl, Map<String, String> options, String serviceAccountJson) {}

  /**
   * A Messages call on Vertex ({@code countTokens}: Vertex's token count): the access token first
   * (cached, or fetched on a worker), then the call. A token the upstream refuses with 401 (revoked
   * before its expiry) is dropped and the call sent once more with a new one, so the account is not
   * cooled down for a token it can replace; a second 401 goes to the flow like any other answer.
   */
  public Future<UpstreamExchange> vertex(VertexCall call, String model, boolean stream, boolean countTokens,
      MultiMap clientHeaders, Buffer messagesBody, ProxyOptions proxy, Consumer<HttpClientRequest> onRequest) {
    String keyFile = call.serviceAccountJson();
    java.util.function.Function<String, Future<UpstreamExchange>> send = token -> {
      VertexTarget target = new VertexTarget(call.baseUrl(), call.options().get(PROJECT), call.options().get(REGION),
          token);
      return countTokens
          ? vertex.countTokens(target, clientHeaders, messagesBody, proxy, onRequest)
          : vertex.messages(target, model, stream, clientHeaders, messagesBody, proxy, onRequest);
    };
    return tokens.token(keyFile, proxy).compose(token -> send.apply(token).compose(ex -> {
      if (ex.status() != 401) return Future.succeededFuture(ex);
      tokens.forget(keyFile, token);
      return tokens.token(keyFile, proxy).compose(fresh -> {
        if (fresh.equals(token)) return Future.succeededFuture(ex);
        // The refused answer is dropped unread (its body says only that the token was refused).
        ex.response().resume();
        return send.apply(fresh);
      }, fetchFailed -> Future.succeededFuture(ex));
    }));
  }

  /** A Messages ({@code countTokens}: CountTokens) call on Bedrock, signed (or with its API key) for the account. */
  public Future<UpstreamExchange> bedrock(String endpoint, BedrockCredential credential, String model,
      boolean countTokens, MultiMap clientHeaders, Buffer messagesBody, ProxyOptions proxy,
      Consumer<HttpClientRequest> onRequest) {
    return bedrock.post(endpoint, credential, model, countTokens, clientHeaders, messagesBody, proxy, onRequest);
  }
}
