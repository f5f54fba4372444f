package io.clauderelay.server.relay;

import io.clauderelay.domain.account.Failover;
import io.clauderelay.domain.account.UpstreamError;
import io.clauderelay.domain.account.UpstreamFailureClass;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a relayed request that did not succeed is answered, in the route's error shape: a refusal
 * ({@link FailureException}), the last upstream error once failover has given up (never the
 * account's details), or "store unavailable" (503 with Retry-After) for anything unexpected.
 */
final class FlowErrors {
  private static final Logger LOG = LoggerFactory.getLogger(FlowErrors.class);

  private FlowErrors() {}

  /**
   * The last upstream error: the failure of its status from the one table
   * ({@link UpstreamFailureClass#failureKindOf}); an account's credential problem is the relay's
   * (502 {@code api_error}), any other status and error type go back as the upstream sent them.
   * Answers the status sent.
   */
  static int upstream(ClientResponse response, ApiFamily family, Failover failover) {
    UpstreamError error = failover.lastError();
    FailureKind kind = UpstreamFailureClass.failureKindOf(error.status());
    int status = error.status();
    String type = error.type();
    String message = error.message();
    if (kind == FailureKind.PROVIDER_AUTH) {
      status = FailureResponses.mapping(kind).status();
      type = FailureResponses.mapping(kind).type();
      message = "Upstream account rejected (HTTP " + error.status() + "): " + message;
    }
    Failure failure = Failure.of(kind, message);
    if (failover.retried()) failure = failure.withDetail("accountsTried", failover.accountsTried());
    send(response, family, failure, status, type);
    return status;
  }

  /** A refusal or an unexpected error; answers the status sent. */
  static int fail(ClientResponse response, ApiFamily family, String requestId, Throwable err) {
    Failure failure;
    if (err instanceof FailureException fe) {
      failure = fe.failure();
    } else {
      // Past validation, an unexpected failure is almost always the store being briefly away
      // (failover): a 503 with Retry-After is what a client can act on. The log keeps the cause.
      LOG.error("request {} failed", requestId, err);
      failure = storeUnavailable("Relay temporarily unavailable (request " + requestId + "); retry shortly");
    }
    return send(response, family, failure);
  }

  static Failure storeUnavailable(String message) {
    return FailureResponses.storeUnavailable(message);
  }

  /** Writes the failure as the whole answer in the family's shape; answers the status sent. */
  static int send(ClientResponse response, ApiFamily family, Failure failure) {
    FailureResponses.Mapping m = FailureResponses.mapping(failure.kind());
    send(response, family, failure, m.status(), m.type());
    return m.status();
  }

  /** As {@link FailureResponses#send}: once the head is out, only ending the answer is left. */
  static void send(ClientResponse response, ApiFamily family, Failure failure, int status, String type) {
    send(response, FailureResponses.render(family, failure, status, type), Map.of());
  }

  /** A rendered failure, after {@code first} headers (e.g. connection: close). */
  static void send(ClientResponse response, FailureResponses.Rendered r, Map<String, String> first) {
    if (response.headWritten()) {
      if (!response.ended()) response.end(null);
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(first);
    headers.putAll(r.headers());
    response.send(r.status(), headers, Buffer.buffer(r.body()));
  }
}
