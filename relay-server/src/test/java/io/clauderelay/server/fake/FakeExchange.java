package io.clauderelay.server.fake;

import io.clauderelay.server.fake.AnthropicWire.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers one request according to a {@link Behaviour} and notices when the peer goes away before
 * the answer is complete (the signal tests use for "client disconnect cancels the upstream call").
 * All methods run on the request's event loop.
 */
final class FakeExchange {

  /** Pause between the two halves of a split event, so they leave as separate HTTP chunks. */
  private static final long SPLIT_PAUSE_MS = 2;

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Behaviour behaviour;
  private final FakeCounters counters;
  private final String requestId = AnthropicWire.newId("req");

  private boolean finished;
  private boolean streaming;
  private long timerId = -1;

  FakeExchange(Vertx vertx, HttpServerRequest request, Behaviour behaviour, FakeCounters counters) {
    this.vertx = vertx;
    this.request = request;
    this.response = request.response();
    this.behaviour = behaviour;
    this.counters = counters;
    response.closeHandler(v -> onPeerClosed());
  }

  /** The connection closed while we were still answering, and not because we cut it ourselves. */
  private void onPeerClosed() {
    if (finished) {
      return;
    }
    finished = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    counters.cancelledRequests.incrementAndGet();
    if (streaming) {
      counters.cancelledStreams.incrementAndGet();
    }
  }

  /** Answers a messages or count_tokens request; {@code body} has already been validated. */
  void answer(JsonObject body, boolean countTokens) {
    if (behaviour.hangs()) {
      return; // never answer; onPeerClosed counts the abandonment
    }
    later(behaviour.responseDelay(), () -> {
      if (behaviour.isError()) {
        String type = behaviour.errorType() != null
            ? behaviour.errorType()
            : AnthropicWire.errorTypeFor(behaviour.status());
        String message = behaviour.errorMessage() != null
            ? behaviour.errorMessage()
            : AnthropicWire.defaultMessageFor(type);
        sendError(behaviour.status(), type, message);
      } else if (countTokens) {
        sendJson(200, new JsonObject().put("input_tokens", behaviour.usage().input()));
      } else if (body.getBoolean("stream", false)) {
        stream(body);
      } else if (behaviour.cutAfterEvents() >= 0) {
        cut(); // a JSON request told to "cut" gets its connection closed with no answer at all
      } else {
        String id = AnthropicWire.newId("msg");
        sendJson(200,
            AnthropicWire.wantsToolCall(body)
                ? AnthropicWire.toolUseMessage(id, body.getString("model"), body, behaviour)
                : AnthropicWire.message(id, body.getString("model"), behaviour));
      }
    });
  }

  void sendError(int status, String type, String message) {
    if (status == 429 && behaviour.retryAfterSeconds() > 0) {
      long reset = System.currentTimeMillis() / 1000 + behaviour.retryAfterSeconds();
      response.putHeader("retry-after", String.valueOf(behaviour.retryAfterSeconds()));
      response.putHeader("anthropic-ratelimit-unified-reset", String.valueOf(reset));
      response.putHeader("anthropic-ratelimit-unified-status", "rejected");
    }
    sendJson(status, AnthropicWire.errorBody(type, message, requestId));
  }

  private void sendJson(int status, JsonObject json) {
    if (finished) {
      return;
    }
    finished = true;
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("request-id", requestId);
    extraHeaders();
    response.end(json.encode());
  }

  private void stream(JsonObject body) {
    String model = body.getString("model");
    if (finished) {
      return;
    }
    streaming = true;
    counters.streamsStarted.incrementAndGet();
    String id = AnthropicWire.newId("msg");
    List<SseEvent> events = new ArrayList<>(AnthropicWire.wantsToolCall(body)
        ? AnthropicWire.toolUseStreamEvents(id, model, body, behaviour)
        : AnthropicWire.streamEvents(id, model, behaviour));
    if (behaviour.errorEventAfter() >= 0) {
      int keep = Math.min(behaviour.errorEventAfter(), events.size());
      events = new ArrayList<>(events.subList(0, keep));
      String message = behaviour.errorMessage() != null ? behaviour.errorMessage() : "Overloaded";
      events.add(AnthropicWire.errorEvent(
          behaviour.errorType() != null ? behaviour.errorType() : "overloaded_error", message));
    }
    response.setStatusCode(200)
        .setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("request-id", requestId);
    extraHeaders();
    sendEvent(events, 0);
  }

  private void sendEvent(List<SseEvent> events, int index) {
    if (finished) {
      return;
    }
    if (index == behaviour.cutAfterEvents()) {
      cut();
      return;
    }
    if (index == behaviour.stallAfterEvents()) {
      if (index == 0) {
        response.writeHead(); // commit the 200 so the peer waits on the body, not the status line
      }
      return; // silent with the connection open; onPeerClosed counts it when the peer gives up
    }
    if (index == events.size()) {
      finished = true;
      counters.streamsCompleted.incrementAndGet();
      response.end();
      return;
    }
    byte[] bytes = events.get(index).bytes();
    Runnable next = () -> later(behaviour.eventGap(), () -> sendEvent(events, index + 1));
    if (behaviour.splitWrites()) {
      int at = splitPoint(bytes);
      response.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, at)));
      timerId = vertx.setTimer(SPLIT_PAUSE_MS, id -> {
        timerId = -1;
        if (!finished) {
          response.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, bytes.length)));
          next.run();
        }
      });
    } else {
      response.write(Buffer.buffer(bytes));
      next.run();
    }
  }

  /**
   * Where to split an event: inside the first multi-byte UTF-8 character of the data line when it
   * has one (the lead byte goes first, its continuation bytes second), else in the middle of the
   * data line. Either way the split falls inside a line.
   */
  static int splitPoint(byte[] event) {
    int dataStart = indexOf(event, "\ndata: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 7;
    for (int i = dataStart; i < event.length; i++) {
      if ((event[i] & 0xC0) == 0x80) {
        return i;
      }
    }
    int lineEnd = dataStart;
    while (lineEnd < event.length && event[lineEnd] != '\n') {
      lineEnd++;
    }
    return dataStart + Math.max(1, (lineEnd - dataStart) / 2);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not an SSE event with a data line");
  }

  /** Closes the connection mid-answer on purpose; not counted as a peer cancellation. */
  private void cut() {
    finished = true;
    request.connection().close();
  }

  private void extraHeaders() {
    for (Map.Entry<String, String> h : behaviour.headers().entrySet()) {
      response.putHeader(h.getKey(), h.getValue());
    }
  }

  private void later(Duration delay, Runnable action) {
    if (delay.isZero() || delay.isNegative()) {
      action.run();
      return;
    }
    timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      timerId = -1;
      if (!finished) {
        action.run();
      }
    });
  }
}
