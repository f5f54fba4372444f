package io.clauderelay.server.fake;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One HTTP call to the fake, made with the Vert.x client, that keeps every body chunk as it
 * arrives so tests can look at framing and at a stream that is still open.
 */
final class FakeClientCall {
  final List<Buffer> chunks = new CopyOnWriteArrayList<>();
  volatile int status;
  volatile MultiMap headers;
  volatile HttpConnection connection;
  private final Promise<Void> ended = Promise.promise();

  private FakeClientCall() {}

  /**
   * Starts a POST on {@code context}; returns at once (the call goes on in the background).
   *
   * <p>Why a context: called from the JUnit thread, each request would get a fresh context, while a
   * pooled connection keeps delivering on the event loop it was created on. The response future
   * then completes on the new context one task later, and body chunks (even the end) delivered in
   * between are lost. One context for every call keeps the handlers and the data on one loop.
   */
  static FakeClientCall post(Context context, HttpClient client, int port, String uri,
      Map<String, String> headers, Buffer body) {
    FakeClientCall call = new FakeClientCall();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(uri);
    headers.forEach(options::putHeader);
    context.runOnContext(v -> client.request(options)
        .compose(req -> {
          call.connection = req.connection();
          return req.send(body);
        })
        .onSuccess(resp -> {
          call.status = resp.statusCode();
          call.headers = resp.headers();
          resp.handler(call.chunks::add);
          resp.exceptionHandler(call.ended::tryFail);
          resp.endHandler(e -> call.ended.tryComplete());
        })
        .onFailure(call.ended::tryFail));
    return call;
  }

  static FakeClientCall postJson(Context context, HttpClient client, int port, String uri, String apiKey,
      JsonObject body) {
    Map<String, String> headers = apiKey == null
        ? Map.of("content-type", "application/json")
        : Map.of("content-type", "application/json", "x-api-key", apiKey);
    return post(context, client, port, uri, headers, body.toBuffer());
  }

  /** Waits for the response to end; true if it ended normally, false if the connection broke. */
  boolean awaitEnd() {
    try {
      ended.future().await();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Waits until the received body holds at least {@code n} complete SSE events. */
  boolean awaitEvents(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (SseFrames.parse(completeFrames()).size() < n) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  byte[] bodyBytes() {
    Buffer all = Buffer.buffer();
    chunks.forEach(all::appendBuffer);
    return all.getBytes();
  }

  String body() {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  JsonObject json() {
    return new JsonObject(body());
  }

  /** The body up to the last blank line, i.e. without a trailing partial event. */
  private String completeFrames() {
    String body = body();
    int end = body.lastIndexOf("\n\n");
    return end < 0 ? "" : body.substring(0, end + 2);
  }
}
