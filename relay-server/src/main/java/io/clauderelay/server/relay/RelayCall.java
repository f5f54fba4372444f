package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.Failover;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.providers.common.UpstreamExchange;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The state of one relayed request as it moves through admission, scheduling, failover and
 * streaming. Every field is touched on the request's own event-loop thread only.
 */
final class RelayCall {
  final RoutingContext rc;
  final String requestId;
  final long startNanos = System.nanoTime();

  ApiKey key;
  RelayRequest request;
  String sessionId;
  /** The session's account as admission read it; a failed one is forgotten at settlement. */
  String stickyAccountId;
  String leaseId;
  /** Where the request is in choosing and calling accounts; set once admitted. */
  Failover failover;
  /** System.nanoTime() until which a store error while choosing an account is retried (0 = none yet). */
  long storeRetryUntil;

  Account account;
  HttpClientRequest upstreamRequest;
  UpstreamExchange exchange;
  long firstByteNanos;

  boolean clientGone;
  boolean finished;

  /** Subscription accounts: the chosen account and model (to resend after a refresh) and the token sent. */
  io.clauderelay.domain.account.ScheduleResult.Chosen chosen;
  String oauthToken;
  boolean oauthRefreshed;

  RelayCall(RoutingContext rc, String requestId) {
    this.rc = rc;
    this.requestId = requestId;
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  long firstByteMs() {
    return firstByteNanos == 0 ? 0 : (firstByteNanos - startNanos) / 1_000_000;
  }

  /** Aborts whatever is in flight upstream; the client is gone. */
  void cancelUpstream() {
    if (exchange != null) exchange.cancel();
    else if (upstreamRequest != null) upstreamRequest.reset();
  }
}
