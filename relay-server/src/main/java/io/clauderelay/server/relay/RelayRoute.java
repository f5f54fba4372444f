package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.server.http.ApiFamily;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import java.util.function.Consumer;

/**
 * What differs between relayed APIs: how the request is read, where and how it is sent, and how
 * a successful answer reaches the client. Everything else (auth, policy, admission, scheduling,
 * failover, settlement) is {@link RelayFlow}'s.
 */
public interface RelayRoute {
  /** The account family that serves the route, and the key permission it needs. */
  Provider provider();

  /** The error shape its clients understand. */
  ApiFamily family();

  /** Token counts and other free calls skip admission and client restriction, as in the original. */
  boolean tokenCount();

  /** Parses and validates; throws {@code FailureException} with a 400 for a bad body. */
  RelayRequest parse(Inbound request);

  /** One upstream call: the chosen account's target (credential kind, base URL, credential, proxy) and model. */
  record Upstream(Inbound inbound, RelayRequest request, UpstreamTarget target, String upstreamModel,
      Consumer<HttpClientRequest> onRequest) {}

  /** Calls the upstream; the reply's body stays paused (adapt a client exchange with {@link UpstreamReply#of}). */
  Future<UpstreamReply> send(Upstream upstream);

  /** How a 2xx answer goes to the client. */
  sealed interface Answer permits Stream, Json, Plain {}

  /** Relayed as it arrives through a tap. */
  record Stream(StreamTap tap) implements Answer {}

  /** Collected, then passed through a tap. */
  record Json(BodyTap tap) implements Answer {}

  /** Passed through unchanged, nothing billed (token counts). */
  record Plain() implements Answer {}

  Answer answer(Inbound inbound, RelayRequest request);

  /** Whether the request is priced at the long-context tier before usage says so. */
  default boolean longContext(Inbound inbound, RelayRequest request) {
    return false;
  }
}
