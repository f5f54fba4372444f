package io.clauderelay.server.relay;

import io.clauderelay.domain.usage.TokenUsage;
import io.vertx.core.buffer.Buffer;

/**
 * Sits in a relayed SSE stream: turns each upstream chunk into what the client gets now (the
 * same buffer for a pass-through, a translation, or nothing) and keeps the usage it saw.
 */
public interface StreamTap {
  Buffer feed(Buffer chunk);

  /** The upstream ended normally: whatever is still held back. */
  Buffer finish();

  /** The upstream broke after the head went out: an error event in the route's own format. */
  Buffer interrupted(String message);

  TokenUsage usage();

  /** The model the upstream reported, or null. */
  String model();
}
