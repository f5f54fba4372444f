package io.clauderelay.server.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A wire-accurate fake of the OpenAI API: {@code POST /v1/chat/completions} (JSON, and SSE whose
 * usage-only last chunk comes only with {@code stream_options.include_usage}) and
 * {@code POST /v1/responses} (JSON, and the event stream ending in {@code response.completed}).
 * Credential: {@code Authorization: Bearer}; none → 401; {@value #BAD_KEY} → 401. Paths match by
 * suffix, so Google's OpenAI-compatible path works too.
 */
public final class FakeOpenAiServer extends ScriptedFake {
  public static final String BAD_KEY = "bad-key";

  public FakeOpenAiServer() {
    respondFor(BAD_KEY, Behaviour.status(401));
  }

  @Override
  protected void serve(HttpServerRequest req, Buffer body) {
    String auth = req.getHeader("authorization");
    String credential = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    if (credential == null || credential.isEmpty()) {
      json(req.response(), 401, OpenAiWire.error(401, "You didn't provide an API key.").encode());
      return;
    }
    boolean chat = req.path().endsWith("/chat/completions");
    boolean responses = req.path().endsWith("/v1/responses");
    if (req.method() != HttpMethod.POST || !(chat || responses)) {
      json(req.response(), 404,
          OpenAiWire.error(404, "Invalid URL (" + req.method() + " " + req.path() + ")").encode());
      return;
    }
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      json(req.response(), 400, OpenAiWire.error(400, "We could not parse the JSON body of your request.").encode());
      return;
    }
    Behaviour b = behaviourFor(credential);
    if (answeredUnlessOk(req, b, x -> OpenAiWire.error(x.status(), x.errorMessage()))) return;
    answerOk(this, req, json, b, chat);
  }

  /** A successful answer in OpenAI's format (also used by the Gemini fake's OpenAI-compatible path). */
  static void answerOk(ScriptedFake fake, HttpServerRequest req, JsonObject json, Behaviour b, boolean chat) {
    String model = json.getString("model", "gpt-4o-mini");
    boolean stream = json.getBoolean("stream", false);
    String id = UUID.randomUUID().toString().replace("-", "");
    if (chat && stream) {
      boolean includeUsage = json.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
      fake.streamFrames(req.response(), OpenAiWire.chatStream("chatcmpl-" + id, model, b, includeUsage), b);
    } else if (chat) {
      json(req.response(), 200, OpenAiWire.chatCompletion("chatcmpl-" + id, model, b).encode());
    } else if (stream) {
      fake.streamFrames(req.response(), OpenAiWire.responsesStream("resp_" + id, model, b), b);
    } else {
      json(req.response(), 200, OpenAiWire.response("resp_" + id, "msg_" + id, model, b, "completed").encode());
    }
  }
}
