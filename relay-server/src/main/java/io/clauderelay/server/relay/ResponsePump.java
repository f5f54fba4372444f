package io.clauderelay.server.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.server.http.ApiFamily;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a successful upstream answer to the client: SSE event by event as it arrives (with
 * back-pressure, through the route's {@link StreamTap}), or a JSON body once complete (through
 * its {@link BodyTap}).
 */
final class ResponsePump {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RelayCall call;
  private final RelayFlow flow;
  private final ApiFamily family;

  ResponsePump(RelayCall call, RelayFlow flow, ApiFamily family) {
    this.call = call;
    this.flow = flow;
    this.family = family;
  }

  void relayStream(UpstreamReply ex, StreamTap tap) {
    ReadStream<Buffer> up = ex.body();
    ClientResponse resp = call.out;
    Map<String, String> head = new LinkedHashMap<>();
    head.put("content-type", orDefault(ex.contentType(), "text/event-stream"));
    head.put("cache-control", "no-cache");
    head.put("x-accel-buffering", "no");
    resp.open(ex.status(), head);
    flow.streamOpened(call);
    up.handler(buf -> {
      if (call.firstByteNanos == 0) call.firstByteNanos = System.nanoTime();
      Buffer out = tap.feed(ex.decoder().feed(buf));
      if (call.clientGone || resp.ended() || out.length() == 0) return;
      if (!resp.write(out)) {
        up.pause();
        resp.onDrain(up::resume);
      }
    });
    up.exceptionHandler(err -> {
      Buffer rest = finish(ex, tap);
      if (!call.clientGone && !resp.ended()) {
        // Headers are out: the only way left to tell the client is an error event in the stream.
        if (rest.length() > 0) resp.write(rest);
        resp.end(tap.interrupted("Upstream stream interrupted: " + err.getMessage()));
      }
      flow.finish(call, tap.usage(), tap.model(), ex.status());
    });
    up.endHandler(v -> {
      Buffer rest = finish(ex, tap);
      if (!resp.ended()) {
        if (rest.length() > 0 && !call.clientGone) resp.end(rest);
        else resp.end(null);
      }
      flow.finish(call, tap.usage(), tap.model(), ex.status());
    });
    up.resume();
  }

  void relayJson(UpstreamReply ex, BodyTap tap) {
    ClientResponse resp = call.out;
    collect(ex.body(), Integer.MAX_VALUE).onComplete(ar -> {
      if (ar.failed()) {
        if (!resp.headWritten()) {
          flow.finish(call, TokenUsage.ZERO, null, 502);
          FlowErrors.send(resp, family, Failure.of(FailureKind.PROVIDER_UNREACHABLE,
              "Upstream connection lost before the answer was complete"));
        }
        return;
      }
      call.firstByteNanos = System.nanoTime();
      BodyTap.Result result = tap.apply(ex.decode(ar.result()));
      if (!call.clientGone) {
        resp.send(ex.status(), contentType(ex, "application/json"), result.body());
      }
      flow.finish(call, result.usage(), result.model(), ex.status());
    });
  }

  /** The tap's last bytes, after what the exchange's decoder still held. */
  private static Buffer finish(UpstreamReply ex, StreamTap tap) {
    Buffer held = ex.decoder().finish();
    Buffer fed = held.length() == 0 ? held : tap.feed(held);
    Buffer rest = tap.finish();
    return fed.length() == 0 ? rest : Buffer.buffer().appendBuffer(fed).appendBuffer(rest);
  }

  /** count_tokens and other answers without usage: pass through unchanged. */
  void relayPlain(UpstreamReply ex) {
    ClientResponse resp = call.out;
    collect(ex.body(), 16 * 1024 * 1024).onComplete(ar -> {
      if (!call.clientGone && ar.succeeded()) {
        resp.send(ex.status(), contentType(ex, "application/json"), ex.decode(ar.result()));
      } else if (!resp.headWritten()) {
        resp.send(502, Map.of(), null);
      }
      flow.finish(call, TokenUsage.ZERO, null, ex.status());
    });
  }

  private static Map<String, String> contentType(UpstreamReply ex, String otherwise) {
    return Map.of("content-type", orDefault(ex.contentType(), otherwise));
  }

  /** Reads a (paused) response body into memory, failing beyond {@code limit} bytes. */
  static Future<Buffer> collect(ReadStream<Buffer> response, int limit) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + chunk.length() <= limit) body.appendBuffer(chunk);
    });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(v -> promise.tryComplete(body));
    response.resume();
    return promise.future();
  }

  /** The Anthropic in-stream error event. */
  static Buffer sseError(String type, String message) {
    String data = JSON.createObjectNode().put("type", "error")
        .set("error", JSON.createObjectNode().put("type", type).put("message", message)).toString();
    return Buffer.buffer("event: error\ndata: " + data + "\n\n");
  }

  private static String orDefault(String v, String d) {
    return v == null || v.isBlank() ? d : v;
  }
}
