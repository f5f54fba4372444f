package io.clauderelay.server.relay;

import io.clauderelay.domain.usage.TokenUsage;
import io.vertx.core.buffer.Buffer;

/** Turns a complete successful upstream JSON body into the client's body and reads its usage. */
@FunctionalInterface
public interface BodyTap {
  /** What the client gets and what the request used; {@code model} may be null. */
  record Result(Buffer body, TokenUsage usage, String model) {}

  Result apply(Buffer upstreamBody);
}
