package io.clauderelay.server.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/**
 * A wire-accurate fake of the Anthropic Messages API upstream ({@code POST /v1/messages}, JSON and
 * SSE, and {@code POST /v1/messages/count_tokens}) on a free loopback port, scriptable per
 * credential and recording every request.
 *
 * <p>Which answer a request gets, first match wins: a missing credential → 401; the credential's
 * one-shot queue ({@code when(key).enqueue}); the global one-shot queue ({@link #enqueue}); the
 * credential's behaviour ({@code when(key).respond}); the default behaviour ({@link #respondByDefault},
 * initially {@link Behaviour#ok()}). The credential {@value #BAD_KEY} is pre-scripted to 401.
 * Paths are matched by suffix, so a base URL with a path prefix works too. A request that offers
 * tools and does not hand back a tool result is answered with a call of its first tool.
 */
public final class FakeAnthropicServer implements AutoCloseable {

  /** A credential the fake always rejects with 401 authentication_error (until re-scripted). */
  public static final String BAD_KEY = "bad-key";

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;
  private final Map<String, Behaviour> keyBehaviours = new ConcurrentHashMap<>();
  private final Map<String, Deque<Behaviour>> keyQueues = new ConcurrentHashMap<>();
  private final Deque<Behaviour> queue = new ConcurrentLinkedDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final FakeCounters counters = new FakeCounters();
  private volatile Behaviour defaultBehaviour = Behaviour.ok();

  private FakeAnthropicServer(Vertx vertx, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1")
        .setHandle100ContinueAutomatically(true));
    server.requestHandler(this::handle);
    scriptBuiltIns();
  }

  /** Starts on a free port using the caller's Vert.x; {@link #closeAsync()} leaves that Vert.x running. */
  public static Future<FakeAnthropicServer> start(Vertx vertx) {
    return start(vertx, 0);
  }

  /** Starts on {@code port} (0 = any free port) using the caller's Vert.x. */
  public static Future<FakeAnthropicServer> start(Vertx vertx, int port) {
    FakeAnthropicServer fake = new FakeAnthropicServer(vertx, false);
    return fake.server.listen(port, "127.0.0.1").map(s -> fake);
  }

  /** Blocking convenience for non-event-loop threads: own Vert.x, free port; {@link #close()} stops both. */
  public static FakeAnthropicServer start() {
    return startOwned(0);
  }

  private static FakeAnthropicServer startOwned(int port) {
    Vertx vertx = Vertx.vertx();
    FakeAnthropicServer fake = new FakeAnthropicServer(vertx, true);
    try {
      fake.server.listen(port, "127.0.0.1").await();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    return fake;
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  // ---- scripting ---------------------------------------------------------------------------

  /** Scripts answers for one credential: {@code fake.when("sk-ant-a").respond(Behaviour.status(529))}. */
  public KeyScript when(String key) {
    return new KeyScript(this, Objects.requireNonNull(key, "key"));
  }

  /** The answer for requests nothing more specific applies to. */
  public FakeAnthropicServer respondByDefault(Behaviour behaviour) {
    defaultBehaviour = Objects.requireNonNull(behaviour, "behaviour");
    return this;
  }

  /** One-shot answers for the next requests, whatever their credential, consumed in order. */
  public FakeAnthropicServer enqueue(Behaviour... behaviours) {
    queue.addAll(Arrays.asList(behaviours));
    return this;
  }

  void setKeyBehaviour(String key, Behaviour behaviour) {
    keyBehaviours.put(key, Objects.requireNonNull(behaviour, "behaviour"));
  }

  void enqueueForKey(String key, Behaviour... behaviours) {
    keyQueues.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addAll(Arrays.asList(behaviours));
  }

  /** Forgets all scripts, queues, recorded requests and counters (the built-in {@value #BAD_KEY} stays). */
  public void reset() {
    keyBehaviours.clear();
    keyQueues.clear();
    queue.clear();
    requests.clear();
    arrivals.clear();
    counters.reset();
    defaultBehaviour = Behaviour.ok();
    scriptBuiltIns();
  }

  private void scriptBuiltIns() {
    keyBehaviours.put(BAD_KEY, Behaviour.status(401));
  }

  Behaviour behaviourFor(String key) {
    Deque<Behaviour> keyQueue = keyQueues.get(key);
    Behaviour next = keyQueue == null ? null : keyQueue.poll();
    if (next == null) {
      next = queue.poll();
    }
    if (next == null) {
      next = keyBehaviours.get(key);
    }
    return next != null ? next : defaultBehaviour;
  }

  // ---- recording ---------------------------------------------------------------------------

  /** A snapshot of every request received, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** System.nanoTime() at each request's arrival, in the order of {@link #requests()}. */
  public List<Long> arrivalNanos() {
    return List.copyOf(arrivals);
  }

  /** The most recent request; throws if there was none. */
  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("the fake upstream received no request");
    }
    return requests.get(requests.size() - 1);
  }

  public int requestCount() {
    return counters.requests.get();
  }

  public int streamsStarted() {
    return counters.streamsStarted.get();
  }

  /** Streams that reached {@code message_stop} (or their error event) and were ended normally. */
  public int streamsCompleted() {
    return counters.streamsCompleted.get();
  }

  /** Streams whose connection the peer closed before the stream was finished. */
  public int cancelledStreams() {
    return counters.cancelledStreams.get();
  }

  /** Answers of any kind (streams, hangs, delayed answers) the peer abandoned before they were finished. */
  public int cancelledRequests() {
    return counters.cancelledRequests.get();
  }

  /** Waits until {@link #requestCount()} reaches {@code n}; false on timeout. Not for the event loop. */
  public boolean awaitRequests(int n, Duration timeout) {
    return awaitCount(counters.requests::get, n, timeout);
  }

  /** Waits until {@link #cancelledStreams()} reaches {@code n}; false on timeout. Not for the event loop. */
  public boolean awaitCancelledStreams(int n, Duration timeout) {
    return awaitCount(counters.cancelledStreams::get, n, timeout);
  }

  /** Waits until {@link #cancelledRequests()} reaches {@code n}; false on timeout. Not for the event loop. */
  public boolean awaitCancelledRequests(int n, Duration timeout) {
    return awaitCount(counters.cancelledRequests::get, n, timeout);
  }

  private static boolean awaitCount(IntSupplier counter, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.getAsInt() < n) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  // ---- serving -----------------------------------------------------------------------------

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> onRequest(req, body)).onFailure(e -> req.connection().close());
  }

  private void onRequest(HttpServerRequest req, Buffer body) {
    synchronized (arrivals) {
      arrivals.add(System.nanoTime());
      requests.add(record(req, body));
    }
    counters.requests.incrementAndGet();

    String path = req.path();
    boolean countTokens = path.endsWith("/v1/messages/count_tokens");
    boolean messages = path.endsWith("/v1/messages");
    String credential = RecordedRequest.credentialOf(req.getHeader("x-api-key"), req.getHeader("authorization"));

    if (credential == null) {
      new FakeExchange(vertx, req, Behaviour.status(401), counters)
          .sendError(401, "authentication_error", "x-api-key header is required");
      return;
    }
    String oauthRefusal = oauthRefusal(req, credential);
    if (oauthRefusal != null) {
      new FakeExchange(vertx, req, Behaviour.status(401), counters).sendError(401, "authentication_error",
          oauthRefusal);
      return;
    }
    if (!(countTokens || messages)) {
      new FakeExchange(vertx, req, Behaviour.status(404), counters)
          .sendError(404, "not_found_error", "Not found: " + req.method() + " " + path);
      return;
    }
    if (req.method() != HttpMethod.POST) {
      new FakeExchange(vertx, req, Behaviour.status(405), counters)
          .sendError(405, "invalid_request_error", "Method not allowed");
      return;
    }
    JsonObject json;
    try {
      json = body.length() == 0 ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      json = null;
    }
    if (json == null) {
      new FakeExchange(vertx, req, Behaviour.status(400), counters)
          .sendError(400, "invalid_request_error", "There was an error parsing the body as JSON");
      return;
    }
    if (json.getValue("model") == null) {
      new FakeExchange(vertx, req, Behaviour.status(400), counters)
          .sendError(400, "invalid_request_error", "model: Field required");
      return;
    }
    new FakeExchange(vertx, req, behaviourFor(credential), counters).answer(json, countTokens);
  }

  /**
   * What Anthropic checks for a subscription's OAuth access token ({@code sk-ant-oat…}): it is only
   * accepted as {@code Authorization: Bearer} with the {@code oauth-2025-04-20} beta; in
   * {@code x-api-key} or without the beta the answer is 401. Null when the credential passes.
   */
  private static String oauthRefusal(HttpServerRequest req, String credential) {
    if (!credential.startsWith("sk-ant-oat")) return null;
    String apiKey = req.getHeader("x-api-key");
    if (apiKey != null && !apiKey.isEmpty()) return "invalid x-api-key";
    for (String beta : req.headers().getAll("anthropic-beta")) {
      for (String b : beta.split(",")) {
        if (b.trim().equals("oauth-2025-04-20")) return null;
      }
    }
    return "OAuth authentication is currently not supported.";
  }

  private static RecordedRequest record(HttpServerRequest req, Buffer body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    return new RecordedRequest(req.method().name(), req.path(), req.query(), headers, body.getBytes());
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** Stops listening and drops open connections (and closes the Vert.x this fake created itself). */
  public Future<Void> closeAsync() {
    // Closing an owned Vert.x closes the server too; chaining on server.close() instead would
    // complete on an event loop that Vert.x has just shut down, and the result would be lost.
    return ownsVertx ? vertx.close() : server.close();
  }

  /** Blocking {@link #closeAsync()}; call it off the event loop (e.g. from the JUnit thread). */
  @Override
  public void close() {
    closeAsync().await();
  }

  /**
   * Standalone: {@code java -cp ... io.clauderelay.server.fake.FakeAnthropicServer [port]} prints
   * {@code FAKE_PORT=<port>} and serves the default behaviour until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    quietLogging();
    FakeAnthropicServer fake = startOwned(port);
    System.out.println("FAKE_PORT=" + fake.port());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
    new CountDownLatch(1).await();
  }

  /** Without a logback config Netty logs its start-up at DEBUG on stdout; keep the FAKE_PORT line readable. */
  private static void quietLogging() {
    if (org.slf4j.LoggerFactory
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
