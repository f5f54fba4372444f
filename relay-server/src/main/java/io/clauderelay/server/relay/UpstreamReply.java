package io.clauderelay.server.relay;

import io.clauderelay.providers.common.BodyDecoder;
import io.clauderelay.providers.common.UpstreamExchange;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * What the relay reads of one upstream call once its head has arrived: status, headers, the paused
 * body stream, how to abort the call, and the decoder a successful body goes through before the
 * taps read it (identity but for vendors with their own wire format, e.g. Bedrock's event stream).
 * A route adapts its client's exchange to it; a test fakes it.
 */
public record UpstreamReply(int status, MultiMap headers, ReadStream<Buffer> body, Runnable cancel,
    BodyDecoder decoder) {

  /** A reply whose body needs no decoding. */
  public UpstreamReply(int status, MultiMap headers, ReadStream<Buffer> body, Runnable cancel) {
    this(status, headers, body, cancel, BodyDecoder.IDENTITY);
  }

  /** A Vert.x HTTP client exchange (the body stays paused until the relay reads it), with its decoder. */
  public static UpstreamReply of(UpstreamExchange ex) {
    return new UpstreamReply(ex.status(), ex.response().headers(), ex.response(), ex::cancel, ex.decoder());
  }

  /** A whole (collected) successful body, decoded. */
  public Buffer decode(Buffer whole) {
    Buffer head = decoder.feed(whole);
    Buffer tail = decoder.finish();
    return tail.length() == 0 ? head : Buffer.buffer().appendBuffer(head).appendBuffer(tail);
  }

  /** The content type the client gets: the decoder's, else the upstream's (null when neither says). */
  public String contentType() {
    String decoded = decoder.contentType();
    return decoded != null ? decoded : header("content-type");
  }

  /** A header (case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
