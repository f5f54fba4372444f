package io.clauderelay.server.relay;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** A validated client request as the relay flow sees it, whatever API it speaks. */
public interface RelayRequest {
  /** The model asked for; schedules the account and prices the reservation. */
  String model();

  boolean stream();

  /** Body size in bytes, for the cost reservation estimate. */
  int length();

  /** The body to send upstream, with the model renamed when the account maps it. */
  Buffer bodyFor(String upstreamModel);

  /** The conversation's sticky session id (SPEC §6), if any; {@code headerSessionId} may be null. */
  Optional<String> sessionId(String headerSessionId);
}
