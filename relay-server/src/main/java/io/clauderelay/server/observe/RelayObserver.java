package io.clauderelay.server.observe;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.usage.TokenUsage;
import java.util.List;

/**
 * What the request path and the background jobs report as it happens, for metrics and alerts.
 * Every method is a no-op by default and must return at once (never block, never throw): it is
 * called on the event loop in the middle of a request.
 */
public interface RelayObserver {
  /** Observes nothing: for tests and tools that build a flow without metrics. */
  RelayObserver NONE = new RelayObserver() {};

  /** A client request of a relay route ended: answered, refused or cut. */
  default void requestEnded(RequestEnded ended) {}

  /** A streamed answer started to flow to the client; each is closed exactly once by {@link #streamClosed()}. */
  default void streamOpened() {}

  default void streamClosed() {}

  /** An account failed before the first byte and the request moves on to another account. */
  default void failover(Provider provider, int upstreamStatus) {}

  /** A priced request: its tokens and its cost in integer micro-dollars (before the key's rate). */
  default void usage(Provider provider, String model, TokenUsage tokens, long costMicros, String keyId) {}

  /** An account was taken out of the pool until a later time (whole account or one model family). */
  default void cooledDown(String accountId, java.time.Instant until, String reason) {}

  /** The upstream disabled an account (e.g. a suspended organisation); it stays out of the pool until an operator acts. */
  default void accountBlocked(String accountId, String reason) {}

  /** Repeated failed admin logins locked {@code ip} and {@code username} out. */
  default void loginLockedOut(String ip, String username, java.time.Duration lockout) {}

  /** A subscription account's token refresh ended; {@code reason} is null on success. */
  default void oauthRefresh(String accountId, boolean ok, String reason) {}

  /**
   * A request left its key's concurrency queue after {@code waited}: {@code outcome} is admitted,
   * timeout, full (refused on arrival), gone (client left), refused (another limit) or error.
   */
  default void queueWaited(java.time.Duration waited, String outcome) {}

  /** One store round trip of {@code op} took {@code nanos}. */
  default void storeCall(String op, long nanos, boolean ok) {}

  /** Reports to each observer in turn; one that throws does not stop the others. */
  static RelayObserver all(List<RelayObserver> observers) {
    return new FanOutObserver(List.copyOf(observers));
  }
}
