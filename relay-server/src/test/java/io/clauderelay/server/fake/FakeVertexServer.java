package io.clauderelay.server.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Vertex AI serving Claude, checking what Vertex checks: {@code Authorization: Bearer} with a
 * live token from the {@link FakeGoogleTokenEndpoint} (else 401 UNAUTHENTICATED in Google's shape),
 * the path {@code /v1/projects/{p}/locations/{r}/publishers/anthropic/models/{model}:rawPredict} or
 * {@code :streamRawPredict}, and a Messages body with {@code anthropic_version: vertex-2023-10-16}
 * and no {@code model} (else 400). Answers Anthropic JSON or Anthropic SSE with the URL's model;
 * the {@code count-tokens} model counts a body that names its model; a project/location it does not
 * serve ({@link #servesOnly}) gets 404 NOT_FOUND for the publisher model; {@code cutAfter} cuts a stream.
 * Behaviours are scripted per service account e-mail (the token's owner).
 */
public final class FakeVertexServer extends ScriptedFake {
  public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
  private static final Pattern PATH = Pattern
      .compile(
          "/v1/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

  private final FakeGoogleTokenEndpoint tokens;
  private final java.util.Set<String> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FakeVertexServer(FakeGoogleTokenEndpoint tokens) {
    this.tokens = tokens;
  }

  /** Serve Claude only in this project and location (by default: any), as a real project's Model Garden does. */
  public FakeVertexServer servesOnly(String project, String location) {
    served.add(project + "/" + location);
    return this;
  }

  @Override
  protected void serve(HttpServerRequest req, Buffer body) {
    String auth = req.getHeader("authorization");
    String owner = auth != null && auth.startsWith("Bearer ") ? tokens.owner(auth.substring(7)).orElse(null) : null;
    if (owner == null) {
      json(req.response(), 401, google(401, "Request had invalid authentication credentials. Expected OAuth 2 access"
          + " token, login cookie or other valid authentication credential.", "UNAUTHENTICATED").encode());
      return;
    }
    Matcher m = PATH.matcher(req.path());
    if (req.method() != HttpMethod.POST || !m.matches()) {
      json(req.response(), 404, google(404, "The requested URL " + req.path() + " was not found.", "NOT_FOUND")
          .encode());
      return;
    }
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      json(req.response(), 400, anthropicError("invalid_request_error", "unreadable JSON body").encode());
      return;
    }
    if (!ANTHROPIC_VERSION.equals(json.getString("anthropic_version"))) {
      json(req.response(), 400, anthropicError("invalid_request_error", "anthropic_version: Field required").encode());
      return;
    }
    if (m.group(3).equals("count-tokens")) {
      // The count names its model in the body; it answers the input tokens only.
      if (!json.containsKey("model")) {
        json(req.response(), 400, anthropicError("invalid_request_error", "model: Field required").encode());
        return;
      }
      json(req.response(), 200, new JsonObject().put("input_tokens", behaviourFor(owner).usage().input()).encode());
      return;
    }
    if (json.containsKey("model")) {
      json(req.response(), 400, anthropicError("invalid_request_error", "model: Extra inputs are not permitted")
          .encode());
      return;
    }
    String model = m.group(3);
    if (!served.isEmpty() && !served.contains(m.group(1) + "/" + m.group(2))) {
      json(req.response(), 404, google(404, "Publisher Model `projects/" + m.group(1) + "/locations/" + m.group(2)
          + "/publishers/anthropic/models/" + model + "` not found.", "NOT_FOUND").encode());
      return;
    }
    boolean stream = m.group(4).equals("streamRawPredict");
    Behaviour b = behaviourFor(owner);
    if (answeredUnlessOk(req, b, x -> x.status() == 429
        ? google(429, "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model.",
            "RESOURCE_EXHAUSTED")
        : anthropicError(AnthropicWire.errorTypeFor(x.status()), String.valueOf(x.errorMessage())))) {
      return;
    }
    String id = AnthropicWire.newId("msg_vrtx");
    if (stream && json.getBoolean("stream", false)) {
      List<String> frames = AnthropicWire.streamEvents(id, model, b).stream()
          .map(e -> new String(e.bytes(), java.nio.charset.StandardCharsets.UTF_8)).toList();
      streamFrames(req.response(), frames, b);
    } else {
      json(req.response(), 200, AnthropicWire.message(id, model, b).encode());
    }
  }

  private static JsonObject google(int code, String message, String status) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)
        .put("status", status));
  }

  private static JsonObject anthropicError(String type, String message) {
    return new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type)
        .put("message", message));
  }
}
