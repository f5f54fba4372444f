package io.clauderelay.providers.common;

import io.vertx.core.buffer.Buffer;

/**
 * Turns a successful upstream body into the vendor-neutral bytes the relay's taps read, chunk by
 * chunk (Bedrock's binary event stream into Anthropic SSE, say). Stateful: one per exchange.
 */
public interface BodyDecoder {
  /** The body as it arrived: nothing to decode. */
  BodyDecoder IDENTITY = new BodyDecoder() {
    @Override
    public Buffer feed(Buffer chunk) {
      return chunk;
    }

    @Override
    public Buffer finish() {
      return Buffer.buffer();
    }
  };

  /** The decoded bytes of {@code chunk} that are complete so far (may be empty). */
  Buffer feed(Buffer chunk);

  /** What is left once the body has ended. */
  Buffer finish();

  /** The content type of the decoded body, or null to keep the upstream's. */
  default String contentType() {
    return null;
  }
}
