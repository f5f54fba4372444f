package io.clauderelay.providers.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream call whose response head has arrived. The response is paused: the caller decides
 * how to consume the body and resumes it; {@link #cancel()} aborts the call (client went away).
 * A successful body goes through {@code decoder} before the relay reads it (identity for vendors
 * that already answer in the client's wire format).
 */
public record UpstreamExchange(HttpClientRequest request, HttpClientResponse response, BodyDecoder decoder) {

  public UpstreamExchange(HttpClientRequest request, HttpClientResponse response) {
    this(request, response, BodyDecoder.IDENTITY);
  }

  public int status() {
    return response.statusCode();
  }

  public void cancel() {
    request.reset();
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
    return decoded != null ? decoded : response.getHeader("content-type");
  }
}
