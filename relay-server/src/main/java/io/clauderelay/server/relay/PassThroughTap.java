package io.clauderelay.server.relay;

import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.common.StreamUsageReader;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/** A stream relayed byte for byte while a vendor's {@link StreamUsageReader} reads its usage. */
public class PassThroughTap implements StreamTap {
  private final StreamUsageReader reader;
  private final Function<String, Buffer> errorEvent;

  /** {@code errorEvent} renders an interruption in the vendor's own in-stream error format. */
  public PassThroughTap(StreamUsageReader reader, Function<String, Buffer> errorEvent) {
    this.reader = reader;
    this.errorEvent = errorEvent;
  }

  @Override
  public Buffer feed(Buffer chunk) {
    reader.feed(chunk.getBytes());
    return chunk;
  }

  @Override
  public Buffer finish() {
    reader.finish();
    return Buffer.buffer();
  }

  @Override
  public Buffer interrupted(String message) {
    return errorEvent.apply(message);
  }

  @Override
  public TokenUsage usage() {
    return reader.usage();
  }

  @Override
  public String model() {
    return reader.model();
  }
}
