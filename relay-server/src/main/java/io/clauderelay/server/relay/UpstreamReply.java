package io.clauderelay.server.relay;

import io.clauderelay.providers.common.UpstreamExchange;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * What the relay reads of one upstream call once its head has arrived: status, headers, the paused
 * body stream and how to abort the call. A route adapts its client's exchange to it; a test fakes it.
 */
public record UpstreamReply(int status, MultiMap headers, ReadStream<Buffer> body, Runnable cancel) {

  /** A Vert.x HTTP client exchange (the body stays paused until the relay reads it). */
  public static UpstreamReply of(UpstreamExchange ex) {
    return new UpstreamReply(ex.status(), ex.response().headers(), ex.response(), ex::cancel);
  }

  /** A header (case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
