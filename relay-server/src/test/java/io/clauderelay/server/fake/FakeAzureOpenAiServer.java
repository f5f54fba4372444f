package io.clauderelay.server.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Azure OpenAI resource that checks what Azure checks: the {@code api-key} header (missing or
 * unknown → 401 in Azure's shape), the {@code api-version} query (missing → 404), the path
 * {@code /openai/deployments/{deployment}/chat/completions} or {@code /openai/responses} with the
 * deployment as the body's {@code model} (an unknown deployment → 404 DeploymentNotFound). Answers
 * in OpenAI's format with the deployment's model; errors in Azure's shapes: 429 with
 * {@code retry-after}, 400 {@code content_filter}. Behaviours are scripted per api key.
 */
public final class FakeAzureOpenAiServer extends ScriptedFake {
  public static final String API_VERSION = "2025-04-01-preview";
  private static final Pattern CHAT = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");

  private final Map<String, String> deployments = new ConcurrentHashMap<>();
  private final java.util.Set<String> keys = ConcurrentHashMap.newKeySet();

  /** A deployment of {@code model} named {@code name}. */
  public FakeAzureOpenAiServer deploy(String name, String model) {
    deployments.put(name, model);
    return this;
  }

  /** A key the resource accepts. */
  public FakeAzureOpenAiServer acceptKey(String key) {
    keys.add(key);
    return this;
  }

  /** Azure's 400 when its content filter refuses a prompt. */
  public static Behaviour contentFiltered() {
    return Behaviour.error(400, "content_filter",
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.");
  }

  @Override
  protected void serve(HttpServerRequest req, Buffer body) {
    String key = req.getHeader("api-key");
    if (key == null || !keys.contains(key)) {
      json(req.response(), 401, new JsonObject().put("error", new JsonObject().put("code", "401").put("message",
          "Access denied due to invalid subscription key or wrong API endpoint.")).encode());
      return;
    }
    if (req.getParam("api-version") == null) {
      json(req.response(), 404, new JsonObject().put("error", new JsonObject().put("code", "404")
          .put("message", "Resource not found")).encode());
      return;
    }
    Matcher chat = CHAT.matcher(req.path());
    boolean responses = req.path().equals("/openai/responses");
    if (req.method() != HttpMethod.POST || !(chat.matches() || responses)) {
      json(req.response(), 404, new JsonObject().put("error", new JsonObject().put("code", "404")
          .put("message", "Resource not found")).encode());
      return;
    }
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      json(req.response(), 400, OpenAiWire.error(400, "We could not parse the JSON body of your request.").encode());
      return;
    }
    String deployment = chat.matches() ? chat.group(1) : json.getString("model");
    String model = deployment == null ? null : deployments.get(deployment);
    if (model == null) {
      json(req.response(), 404, new JsonObject().put("error", new JsonObject().put("code", "DeploymentNotFound")
          .put("message", "The API deployment for this resource does not exist.")).encode());
      return;
    }
    Behaviour b = behaviourFor(key);
    if (answeredUnlessOk(req, b, FakeAzureOpenAiServer::error)) return;
    FakeOpenAiServer.answerOk(this, req, json.copy().put("model", model), b, chat.matches());
  }

  private static JsonObject error(Behaviour b) {
    if (b.status() == 400 && "content_filter".equals(b.errorType())) {
      return new JsonObject().put("error", new JsonObject().put("message", b.errorMessage()).putNull("type")
          .put("param", "prompt").put("code", "content_filter").put("status", 400)
          .put("innererror", new JsonObject().put("code", "ResponsibleAIPolicyViolation")));
    }
    if (b.status() == 429) {
      return new JsonObject().put("error", new JsonObject().put("code", "429").put("message",
          "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version " + API_VERSION
              + " have exceeded token rate limit of your current pricing tier. Please retry after "
              + b.retryAfterSeconds() + " seconds."));
    }
    return new JsonObject().put("error", new JsonObject().put("code", String.valueOf(b.status()))
        .put("message", b.errorMessage()));
  }
}
