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

  /**
   * Whether the request carries a new user turn (its last message is the user's, with no tool
   * result): only those wait for a subscription's turn. Non-Messages bodies never do.
   */
  default boolean newUserTurn() {
    return false;
  }

  /** The conversation's sticky session id (SPEC §6), if any; {@code headerSessionId} may be null. */
  Optional<String> sessionId(String headerSessionId);
}
