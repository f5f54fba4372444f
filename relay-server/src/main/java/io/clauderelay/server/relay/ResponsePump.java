package io.clauderelay.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.providers.common.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Moves a successful upstream answer to the client: SSE event by event as it arrives (with
 * back-pressure, usage read on the way), or a JSON body unchanged once complete.
 */
final class ResponsePump {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RelayCall call;
  private final ClaudeMessagesHandler handler;

  ResponsePump(RelayCall call, ClaudeMessagesHandler handler) {
    this.call = call;
    this.handler = handler;
  }

  void relayStream(UpstreamExchange ex) {
    HttpClientResponse up = ex.response();
    HttpServerResponse resp = call.rc.response();
    AnthropicStreamUsage usage = new AnthropicStreamUsage();
    resp.setStatusCode(ex.status())
        .putHeader("content-type", orDefault(up.getHeader("content-type"), "text/event-stream"))
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no")
        .setChunked(true);
    up.handler(buf -> {
      if (call.firstByteNanos == 0) call.firstByteNanos = System.nanoTime();
      usage.feed(buf.getBytes());
      if (call.clientGone || resp.ended()) return;
      resp.write(buf);
      if (resp.writeQueueFull()) {
        up.pause();
        resp.drainHandler(v -> up.resume());
      }
    });
    up.exceptionHandler(err -> {
      usage.finish();
      if (!call.clientGone && !resp.ended()) {
        // Headers are out: the only way left to tell the client is an SSE error event.
        resp.end(sseError("api_error", "Upstream stream interrupted: " + err.getMessage()));
      }
      handler.finish(call, usage.usage(), usage.model(), ex.status());
    });
    up.endHandler(v -> {
      usage.finish();
      if (!resp.ended()) resp.end();
      handler.finish(call, usage.usage(), usage.model(), ex.status());
    });
    up.resume();
  }

  void relayJson(UpstreamExchange ex) {
    HttpServerResponse resp = call.rc.response();
    collect(ex.response(), Integer.MAX_VALUE).onComplete(ar -> {
      if (ar.failed()) {
        if (!resp.headWritten()) {
          handler.finish(call, TokenUsage.ZERO, null, 502);
          io.clauderelay.server.http.FailureResponses.send(resp, io.clauderelay.server.http.ApiFamily.ANTHROPIC,
              io.clauderelay.domain.failure.Failure.of(io.clauderelay.domain.failure.FailureKind.PROVIDER_UNREACHABLE,
                  "Upstream connection lost before the answer was complete"));
        }
        return;
      }
      Buffer body = ar.result();
      call.firstByteNanos = System.nanoTime();
      TokenUsage usage = TokenUsage.ZERO;
      String model = null;
      try {
        JsonNode root = JSON.readTree(body.getBytes());
        usage = AnthropicUsage.from(root.get("usage"));
        if (root.hasNonNull("model")) model = root.get("model").asText();
      } catch (Exception unparseable) {
        // relayed as is; nothing to bill without the upstream's usage
      }
      if (!call.clientGone) {
        resp.setStatusCode(ex.status())
            .putHeader("content-type", orDefault(ex.response().getHeader("content-type"), "application/json"))
            .end(body);
      }
      handler.finish(call, usage, model, ex.status());
    });
  }

  /** count_tokens and other answers without usage: pass through unchanged. */
  void relayPlain(UpstreamExchange ex) {
    HttpServerResponse resp = call.rc.response();
    collect(ex.response(), 16 * 1024 * 1024).onComplete(ar -> {
      if (!call.clientGone && ar.succeeded()) {
        resp.setStatusCode(ex.status())
            .putHeader("content-type", orDefault(ex.response().getHeader("content-type"), "application/json"))
            .end(ar.result());
      } else if (!resp.headWritten()) {
        resp.setStatusCode(502).end();
      }
      handler.finish(call, TokenUsage.ZERO, null, ex.status());
    });
  }

  /** Reads a (paused) response body into memory, failing beyond {@code limit} bytes. */
  static Future<Buffer> collect(HttpClientResponse response, int limit) {
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

  static Buffer sseError(String type, String message) {
    String data = JSON.createObjectNode().put("type", "error")
        .set("error", JSON.createObjectNode().put("type", type).put("message", message)).toString();
    return Buffer.buffer("event: error\ndata: " + data + "\n\n");
  }

  private static String orDefault(String v, String d) {
    return v == null || v.isBlank() ? d : v;
  }
}
