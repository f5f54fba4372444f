package io.clauderelay.server.fake;

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

  /** Starts a POST; returns at once (the call goes on in the background). */
  static FakeClientCall post(HttpClient client, int port, String uri, Map<String, String> headers, Buffer body) {
    FakeClientCall call = new FakeClientCall();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(uri);
    headers.forEach(options::putHeader);
    client.request(options)
        .onSuccess(req -> call.connection = req.connection())
        .compose(req -> req.send(body))
        .onSuccess(resp -> {
          call.status = resp.statusCode();
          call.headers = resp.headers();
          resp.handler(call.chunks::add);
          resp.exceptionHandler(call.ended::tryFail);
          resp.endHandler(v -> call.ended.tryComplete());
        })
        .onFailure(call.ended::tryFail);
    return call;
  }

  static FakeClientCall postJson(HttpClient client, int port, String uri, String apiKey, JsonObject body) {
    Map<String, String> headers = apiKey == null
        ? Map.of("content-type", "application/json")
        : Map.of("content-type", "application/json", "x-api-key", apiKey);
    return post(client, port, uri, headers, body.toBuffer());
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
