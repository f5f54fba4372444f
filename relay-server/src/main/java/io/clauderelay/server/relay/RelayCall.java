package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.Failover;
import io.clauderelay.domain.key.ApiKey;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;

/**
 * The state of one relayed request as it moves through admission, scheduling, failover and
 * streaming. Every field is touched on the request's own event-loop thread only.
 */
final class RelayCall {
  final Inbound in;
  final ClientResponse out;
  final String requestId;
  /** The event loop the request arrived on: timers and aborts from other threads come back to it. */
  final Context context;
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
  UpstreamReply exchange;
  long firstByteNanos;

  /** The key queues over its concurrency limit: a freed lease wakes the line (AdmissionLine). */
  boolean queued;
  /** Set while the request waits in its key's line: the client leaving gives the ticket up. */
  Runnable onGoneWhileQueued;

  /** The subscription account whose user turn this request holds (TurnWait), null when none. */
  String turnAccountId;

  boolean clientGone;
  boolean finished;
  /** Metrics: the expected failure that answered the request (null: the upstream's answer), and an open stream. */
  io.clauderelay.domain.failure.FailureKind failure;
  boolean streaming;

  /** Subscription accounts: the chosen account and model (to resend after a refresh) and the token sent. */
  io.clauderelay.domain.account.ScheduleResult.Chosen chosen;
  String oauthToken;
  boolean oauthRefreshed;

  RelayCall(Inbound in, ClientResponse out, Context context) {
    this.in = in;
    this.out = out;
    this.requestId = in.requestId();
    this.context = context;
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  long firstByteMs() {
    return firstByteNanos == 0 ? 0 : (firstByteNanos - startNanos) / 1_000_000;
  }

  /** Aborts whatever is in flight upstream; the client is gone. */
  void cancelUpstream() {
    if (exchange != null) exchange.cancel().run();
    else if (upstreamRequest != null) upstreamRequest.reset();
  }
}
