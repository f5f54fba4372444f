package io.clauderelay.server.fake;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The scripting, recording and lifecycle shared by the OpenAI and Gemini fakes (own Vert.x, free
 * loopback port). Which {@link Behaviour} answers a request, first match wins: the credential's
 * one-shot queue, the credential's behaviour, the default ({@link Behaviour#ok()} at first).
 * Of a behaviour these fakes honour status, error message, usage, text, event gap, retry-after
 * and hang.
 */
public abstract class ScriptedFake implements AutoCloseable {
  protected final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, Behaviour> keyBehaviours = new ConcurrentHashMap<>();
  private final Map<String, Deque<Behaviour>> keyQueues = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Behaviour defaultBehaviour = Behaviour.ok();

  protected ScriptedFake() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
    server.requestHandler(req -> req.body()
        .onSuccess(body -> {
          requests.add(record(req, body));
          serve(req, body);
        })
        .onFailure(e -> req.connection().close()));
    try {
      server.listen(0, "127.0.0.1").await();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Answers one recorded request. */
  protected abstract void serve(HttpServerRequest req, Buffer body);

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public ScriptedFake respondByDefault(Behaviour behaviour) {
    defaultBehaviour = Objects.requireNonNull(behaviour);
    return this;
  }

  /** Every request presenting {@code credential} gets {@code behaviour}. */
  public ScriptedFake respondFor(String credential, Behaviour behaviour) {
    keyBehaviours.put(credential, Objects.requireNonNull(behaviour));
    return this;
  }

  /** The next requests presenting {@code credential} get these, in order. */
  public ScriptedFake enqueueFor(String credential, Behaviour... behaviours) {
    keyQueues.computeIfAbsent(credential, k -> new ConcurrentLinkedDeque<>()).addAll(Arrays.asList(behaviours));
    return this;
  }

  protected Behaviour behaviourFor(String credential) {
    Deque<Behaviour> queue = credential == null ? null : keyQueues.get(credential);
    Behaviour next = queue == null ? null : queue.poll();
    if (next == null && credential != null) next = keyBehaviours.get(credential);
    return next != null ? next : defaultBehaviour;
  }

  /**
   * Handles a behaviour that is not a success: a hang (no answer) or an error status with the
   * vendor's error body (and {@code retry-after} on a 429). True when the request is dealt with.
   */
  protected static boolean answeredUnlessOk(HttpServerRequest req, Behaviour b,
      Function<Behaviour, JsonObject> errorBody) {
    if (b.hangs()) return true;
    if (!b.isError()) return false;
    if (b.status() == 429 && b.retryAfterSeconds() > 0) {
      req.response().putHeader("retry-after", String.valueOf(b.retryAfterSeconds()));
    }
    json(req.response(), b.status(), errorBody.apply(b).encode());
    return true;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) throw new IllegalStateException("the fake upstream received no request");
    return requests.get(requests.size() - 1);
  }

  /** Writes SSE frames one after another with the behaviour's gap, then ends the response (or cuts it: {@code cutAfter}). */
  protected void streamFrames(HttpServerResponse resp, List<String> frames, Behaviour b) {
    streamFrames(resp, frames, b, "text/event-stream; charset=utf-8");
  }

  protected void streamFrames(HttpServerResponse resp, List<String> frames, Behaviour b, String contentType) {
    resp.setStatusCode(200).setChunked(true).putHeader("content-type", contentType).putHeader("cache-control",
        "no-cache");
    writeFrom(resp, frames, 0, b);
  }

  private void writeFrom(HttpServerResponse resp, List<String> frames, int i, Behaviour b) {
    if (resp.closed()) return;
    if (i == frames.size()) {
      resp.end();
      return;
    }
    if (i == b.cutAfterEvents()) {
      resp.reset(); // the connection closes mid-stream, without the stream's last events
      return;
    }
    resp.write(frames.get(i));
    if (b.eventGap().isZero()) writeFrom(resp, frames, i + 1, b);
    else vertx.setTimer(Math.max(1, b.eventGap().toMillis()), t -> writeFrom(resp, frames, i + 1, b));
  }

  protected static void json(HttpServerResponse resp, int status, String body) {
    resp.setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body);
  }

  private static RecordedRequest record(HttpServerRequest req, Buffer body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    req.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .add(h.getValue()));
    headers.replaceAll((k, v) -> List.copyOf(v));
    return new RecordedRequest(req.method().name(), req.path(), req.query(), headers, body.getBytes());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
