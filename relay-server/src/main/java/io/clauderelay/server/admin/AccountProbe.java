package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.oauth.OAuthCredential;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.providers.openai.OpenAiUpstream;
import io.clauderelay.providers.vertex.VertexAccessTokens;
import io.clauderelay.providers.vertex.VertexUpstream;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.cloud.CloudUpstreams;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.oauth.OAuthTokenRefresher;
import io.clauderelay.server.proxy.AccountProxies;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Sends the smallest real request to one account's upstream with the account's own credential,
 * through the same provider adapters the relay uses (a subscription's token refreshed first when it
 * is about to expire, as for traffic), and reports status, latency, model and a short text or
 * error. The request goes through the account's proxy, as traffic does. The result never carries the
 * credential; the account's state (cool-downs) is untouched.
 */
public final class AccountProbe {
  static final String CLAUDE_MODEL = "claude-haiku-4-5-20251001";
  static final String OPENAI_MODEL = "gpt-4o-mini";
  static final String GEMINI_MODEL = "gemini-2.5-flash";
  /** Vertex names Claude models with an {@code @} before the date. */
  static final String VERTEX_MODEL = "claude-haiku-4-5@20251001";
  /** A test waits at most this long for the whole answer; the relay's own request timeout is minutes. */
  static final Duration BOUND = Duration.ofSeconds(30);
  /** Model names go into a URL path for Gemini and Vertex, so only plain names (and Vertex's {@code @date}) are accepted. */
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(@[0-9]{8})?");
  private static final int BODY_LIMIT = 64 * 1024;
  private static final int TEXT_MAX = 200;
  private static final int ERROR_MAX = 300;

  /** What the test found; {@code status} 0 when no HTTP answer came back. */
  public record Result(int status, boolean ok, long latencyMs, String model, String text, String error) {
    ObjectNode json(String accountId, AccountType type) {
      ObjectNode n = JsonFields.JSON.createObjectNode().put("accountId", accountId).put("platform", type.id())
          .put("ok", ok).put("success", ok).put("status", status).put("latencyMs", latencyMs).put("model", model);
      if (ok) n.put("text", text == null ? "" : text);
      else n.put("error", error == null ? "" : error);
      return n;
    }
  }

  /** The request could not be made at all (our side, not the upstream's); the message says why. */
  private static final class NotSent extends RuntimeException {
    NotSent(String message) {
      super(message, null, false, false);
    }
  }

  private final SecretCipher cipher;
  private final AnthropicUpstream anthropic;
  private final OpenAiUpstream openAi;
  private final GeminiUpstream gemini;
  /** Null when the relay runs without subscription support. */
  private final ClaudeOAuthAccounts oauth;
  private final AccountProxies proxies;
  private final CloudUpstreams cloud;

  public AccountProbe(SecretCipher cipher, UpstreamHttp http, ClaudeOAuthAccounts oauth, AccountProxies proxies,
      CloudUpstreams cloud) {
    this.cloud = cloud;
    this.cipher = cipher;
    this.anthropic = new AnthropicUpstream(http);
    this.openAi = new OpenAiUpstream(http);
    this.gemini = new GeminiUpstream(http);
    this.oauth = oauth;
    this.proxies = proxies;
  }

  /** The operator's {@code model}, or null for the account's default; a 400 naming {@code model} if unusable. */
  static String requestedModel(JsonFields f) {
    String model = f.string("model", 128);
    if (model == null || model.isBlank()) return null;
    if (!MODEL.matcher(model.trim()).matches()) {
      throw JsonFields.bad("model", "must be a plain model name such as " + CLAUDE_MODEL + " (letters, digits, . _ -)");
    }
    return model.trim();
  }

  /** Tests {@code a} with {@code requested} (null: the first model the account serves, else the type's default). */
  public Future<Result> probe(Account a, String requested) {
    String model = upstreamModel(a, requested);
    long start = System.nanoTime();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    List<String> secrets = new ArrayList<>();
    Future<UpstreamExchange> exchange;
    try {
      exchange = send(a, model, sent::set, secrets);
    } catch (IllegalArgumentException undecryptable) {
      return Future
          .succeededFuture(failed(0, start, model, "the credential cannot be decrypted with this ENCRYPTION_KEY"));
    }
    return exchange
        .compose(ex -> readBounded(ex.response()).map(body -> answer(a.type(), ex.status(), body, start, model,
            secrets)))
        .timeout(BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .recover(failure -> {
          HttpClientRequest req = sent.get();
          if (req != null) req.reset();
          Throwable err = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
          String why = err instanceof TimeoutException
              ? "no answer within " + BOUND.toSeconds() + " s"
              : err instanceof NotSent || err instanceof OAuthTokenRefresher.RefreshFailedException
                  || err instanceof VertexAccessTokens.TokenFetchFailed
                      ? err.getMessage()
                      : "unreachable: " + err.getClass().getSimpleName()
                          + (err.getMessage() == null ? "" : " " + err.getMessage());
          return Future.succeededFuture(failed(0, start, model, redact(why, secrets, ERROR_MAX)));
        });
  }

  /** The model sent upstream: asked for, else the first the account serves, else the type's default; then its mapping. */
  static String upstreamModel(Account a, String requested) {
    String model = requested;
    if (model == null) {
      if (!a.models().mapping().isEmpty())
        model = a.models().mapping().keySet().stream().sorted().findFirst().orElseThrow();
      else
        if (!a.models().models().isEmpty()) model = a.models().models().get(0);
        else model = switch (a.type()) {
          case CLAUDE_CONSOLE, CLAUDE_OAUTH, BEDROCK -> CLAUDE_MODEL;
          case VERTEX -> VERTEX_MODEL;
          case OPENAI, AZURE_OPENAI -> OPENAI_MODEL;
          case GEMINI -> GEMINI_MODEL;
        };
    }
    return a.models().resolve(model).orElse(model);
  }

  /** Sends the type's tiny request; every credential used is added to {@code secrets} for redaction. */
  private Future<UpstreamExchange> send(Account a, String model,
      java.util.function.Consumer<HttpClientRequest> onRequest,
      List<String> secrets) {
    MultiMap noClientHeaders = MultiMap.caseInsensitiveMultiMap();
    ProxyOptions proxy;
    try {
      proxy = proxies.of(a);
    } catch (AccountProxies.UnusableProxyException unusable) {
      return Future.failedFuture(new NotSent(unusable.getMessage()));
    }
    if (a.type() == AccountType.CLAUDE_OAUTH) {
      if (oauth == null) return Future.failedFuture(new NotSent("subscription accounts are not enabled on this relay"));
      OAuthCredential stored = oauth.credential(a);
      secrets.add(stored.accessToken());
      secrets.add(stored.refreshToken());
      // Like traffic: a token about to expire is refreshed (under the cluster lock) before it is used.
      return Async.from(oauth.fresh(a)).compose(fresh -> {
        AnthropicTarget target = oauth.target(fresh);
        secrets.add(target.credential());
        return anthropic.post(target, "/v1/messages", null, noClientHeaders, ProbeBodies.claudeBody(model), proxy,
            onRequest);
      });
    }
    String key = cipher.decrypt(a.credential());
    secrets.add(key);
    if (a.type() == AccountType.BEDROCK) {
      BedrockCredential c;
      try {
        c = BedrockCredential.parse(key);
      } catch (IllegalArgumentException unreadable) {
        return Future.failedFuture(new NotSent("the Bedrock credential is unreadable"));
      }
      secrets.add(c.secretAccessKey());
      secrets.add(c.sessionToken());
      secrets.add(c.bearerToken());
      // An account's own default model is the one it surely has access to: the test asks for it.
      String m = model.equals(CLAUDE_MODEL) && c.defaultModel() != null ? c.defaultModel() : model;
      return cloud.bedrock(a.baseUrl(), c, m, false, noClientHeaders, ProbeBodies.claudeBody(m), proxy, onRequest);
    }
    return switch (a.type()) {
      case CLAUDE_CONSOLE ->
        anthropic.post(new AnthropicTarget(a.baseUrl(), key), "/v1/messages", null, noClientHeaders,
            ProbeBodies.claudeBody(model), proxy, onRequest);
      case OPENAI -> openAi.post(OpenAiUpstream.base(a.baseUrl()) + "/v1/responses", key, noClientHeaders,
          ProbeBodies.openAiBody(model), proxy, onRequest);
      case GEMINI ->
        gemini.send(HttpMethod.POST, a.baseUrl(), key, "/v1beta/models/" + model + ":generateContent", null,
            noClientHeaders, ProbeBodies.geminiBody(), proxy, onRequest);
      // The deployment decides the model; max_tokens 1 keeps the test's cost at one output token.
      case AZURE_OPENAI -> cloud.azure(false, CloudUpstreams.azureTarget(a.baseUrl(), key, a.options()),
          noClientHeaders, ProbeBodies.azureBody(), proxy, onRequest);
      // The key file is a secret too; the access token is fetched (or reused) as for traffic.
      case VERTEX -> cloud.vertex(new CloudUpstreams.VertexCall(a.baseUrl(), a.options(), key),
          VertexUpstream.vertexModel(model), false, false, noClientHeaders, ProbeBodies.claudeBody(model), proxy,
          onRequest);
      case CLAUDE_OAUTH, BEDROCK -> throw new IllegalStateException("handled above");
    };
  }

  private static Result answer(AccountType type, int status, Buffer body, long start, String model,
      List<String> secrets) {
    JsonNode json = parse(body);
    if (status / 100 == 2) {
      return new Result(status, true, elapsed(start), model, redact(ProbeBodies.text(type, json), secrets, TEXT_MAX),
          null);
    }
    // Anthropic, OpenAI and Gemini all put the reason in error.message; Bedrock in message.
    JsonNode message = json == null ? null : json.path("error").path("message");
    if (message != null && !message.isTextual()) message = json.path("message");
    String error = message != null && message.isTextual() ? message.asText() : body.toString();
    return failed(status, start, model, redact(error.isBlank() ? "HTTP " + status : error, secrets, ERROR_MAX));
  }

  private static Result failed(int status, long start, String model, String error) {
    return new Result(status, false, elapsed(start), model, null, error);
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static JsonNode parse(Buffer body) {
    try {
      return body.length() == 0 ? null : JsonFields.JSON.readTree(body.getBytes());
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** At most {@code max} characters, with every credential of the test cut out should the upstream echo one. */
  static String redact(String text, List<String> secrets, int max) {
    String out = text == null ? "" : text;
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) out = out.replace(s, "***");
    }
    return out.length() > max ? out.substring(0, max) + "…" : out;
  }

  /** Reads the (paused) body, keeping at most {@link #BODY_LIMIT} bytes. */
  private static Future<Buffer> readBounded(HttpClientResponse response) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + chunk.length() <= BODY_LIMIT) body.appendBuffer(chunk);
    });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(v -> promise.tryComplete(body));
    response.resume();
    return promise.future();
  }
}
