package io.clauderelay.providers.bedrock;

import io.clauderelay.providers.common.BodyDecoder;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Calls Claude on AWS Bedrock for one account: {@code InvokeModel}, {@code
 * InvokeModelWithResponseStream} (its event stream decoded into Anthropic SSE) or {@code
 * CountTokens}, at {@code /model/{modelId}/…} of the account's endpoint, SigV4-signed with its access
 * key (or with its Bedrock API key as a Bearer token). The answer reaches the relay in Anthropic's
 * shapes, so the Claude routes' taps read it unchanged. No client header goes to AWS but
 * {@code anthropic-beta}, which moves into the body.
 */
public final class BedrockUpstream {
  private static final String JSON = "application/json";
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final UpstreamHttp http;
  private final BedrockModels models;
  private final Clock clock;

  public BedrockUpstream(UpstreamHttp http, BedrockModels models, Clock clock) {
    this.http = http;
    this.models = models;
    this.clock = clock;
  }

  /** The Bedrock model id or inference profile that {@code model} is sent as for an account with {@code credential}. */
  public String modelId(String model, BedrockCredential credential) {
    return models.resolve(model, credential.defaultModel(), credential.region());
  }

  /**
   * Sends an Anthropic Messages body ({@code countTokens}: a count_tokens body) to {@code endpoint},
   * through {@code proxy} (null for none).
   */
  public Future<UpstreamExchange> post(String endpoint, BedrockCredential credential, String model,
      boolean countTokens, MultiMap clientHeaders, Buffer anthropicBody, ProxyOptions proxy,
      Consumer<HttpClientRequest> onRequest) {
    List<String> betas = clientHeaders.getAll("anthropic-beta");
    byte[] body;
    String operation;
    String accept = JSON;
    BodyDecoder decoder;
    if (countTokens) {
      body = BedrockRequestBody.countTokens(anthropicBody.getBytes(), betas);
      operation = "count-tokens";
      decoder = new BedrockCountTokens();
    } else {
      BedrockRequestBody invoke = BedrockRequestBody.of(anthropicBody.getBytes(), betas);
      body = invoke.bytes();
      operation = invoke.stream() ? "invoke-with-response-stream" : "invoke";
      if (invoke.stream()) accept = EVENT_STREAM;
      decoder = invoke.stream() ? new BedrockStreamDecoder() : BodyDecoder.IDENTITY;
    }
    String url = base(endpoint) + "/model/" + SdkHttpUtils.urlEncode(modelId(model, credential)) + "/" + operation;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("content-type", JSON)
        .set("accept", accept)
        .set("accept-encoding", "identity");
    if (credential.bearer()) {
      headers.set("authorization", "Bearer " + credential.bearerToken());
    } else {
      Map<String, List<String>> signed = BedrockSigner.sign(URI.create(url),
          Map.of("content-type", JSON, "accept", accept), body, credential, clock);
      // Host is the client's to set (it is the signed host:port of the URL either way).
      signed.forEach((name, values) -> {
        if (!name.equalsIgnoreCase("host")) headers.set(name, values);
      });
    }
    return http.send(HttpMethod.POST, url, headers, Buffer.buffer(body), proxy, onRequest)
        .map(ex -> new UpstreamExchange(ex.request(), ex.response(), decoder));
  }

  private static String base(String endpoint) {
    String e = endpoint.trim();
    while (e.endsWith("/")) e = e.substring(0, e.length() - 1);
    return e;
  }
}
