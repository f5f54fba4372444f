package io.clauderelay.server.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wire-accurate fake of the Gemini API: {@code POST /v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent} (SSE with {@code alt=sse}, else a JSON array), {@code :countTokens},
 * and Google's OpenAI-compatible {@code /v1beta/openai/chat/completions}. Credential:
 * {@code x-goog-api-key} or {@code ?key=}; none → 403 PERMISSION_DENIED.
 */
public final class FakeGeminiServer extends ScriptedFake {
  private static final Pattern ACTION = Pattern.compile(".*/(v1beta|v1)/models/([^/:]+):([A-Za-z]+)$");

  @Override
  protected void serve(HttpServerRequest req, Buffer body) {
    String credential = req.getHeader("x-goog-api-key");
    if (credential == null) credential = req.getParam("key");
    if (req.path().endsWith("/openai/chat/completions")) {
      String auth = req.getHeader("authorization");
      credential = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    }
    if (credential == null || credential.isEmpty()) {
      json(req.response(), 403, GeminiWire.error(403, null).encode());
      return;
    }
    Behaviour b = behaviourFor(credential);
    if (answeredUnlessOk(req, b, x -> GeminiWire.error(x.status(), x.errorMessage()))) return;
    if (req.path().endsWith("/openai/chat/completions")) {
      FakeOpenAiServer.answerOk(this, req, body.toJsonObject(), b, true);
      return;
    }
    Matcher m = ACTION.matcher(req.path());
    if (!m.matches()) {
      json(req.response(), 404, GeminiWire.error(404, "Not found: " + req.path()).encode());
      return;
    }
    try {
      body.toJsonObject();
    } catch (RuntimeException e) {
      json(req.response(), 400, GeminiWire.error(400, "Invalid JSON payload received.").encode());
      return;
    }
    String model = m.group(2);
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    switch (m.group(3)) {
      case "generateContent" -> json(req.response(), 200, GeminiWire.response(model, b, id).encode());
      case "countTokens" -> json(req.response(), 200, GeminiWire.countTokens(b.usage()).encode());
      case "streamGenerateContent" -> {
        var chunks = GeminiWire.streamChunks(model, b, id);
        if ("sse".equals(req.getParam("alt"))) {
          streamFrames(req.response(), GeminiWire.sseFrames(chunks), b, "text/event-stream");
        } else {
          streamFrames(req.response(), GeminiWire.arrayFrames(chunks), b, "application/json; charset=UTF-8");
        }
      }
      default -> json(req.response(), 404, GeminiWire.error(404, "Unknown action " + m.group(3)).encode());
    }
  }

  /** Requests received, by action suffix such as {@code :generateContent}. */
  public long count(String suffix) {
    return requests().stream().filter(r -> r.path().endsWith(suffix)).count();
  }

  /** For tests that read the parsed body of the last request. */
  public JsonObject lastBody() {
    return lastRequest().bodyAsJson();
  }
}
