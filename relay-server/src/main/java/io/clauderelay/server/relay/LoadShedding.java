package io.clauderelay.server.relay;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureResponses;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of a node at its in-flight ceiling: an immediate 503 in the route's error shape with
 * {@code Retry-After}, before anything is read or reserved, so a load balancer (Nginx
 * {@code proxy_next_upstream}) tries another node and nothing waits in a queue for a 504. Logged
 * at most once per {@link #LOG_EVERY_NS}, with the count since the last line.
 */
final class LoadShedding {
  private static final Logger LOG = LoggerFactory.getLogger(LoadShedding.class);
  private static final long LOG_EVERY_NS = 10_000_000_000L;
  private static final AtomicLong lastLogNs = new AtomicLong(System.nanoTime() - LOG_EVERY_NS);
  private static final AtomicLong loggedRefused = new AtomicLong();

  private LoadShedding() {}

  static void refuse(ClientResponse response, ApiFamily family, InFlight inFlight) {
    FlowErrors.send(response, FailureResponses.render(family, Failure.of(FailureKind.RELAY_OVERLOADED,
        "This relay node is at its limit of " + inFlight.max()
            + " requests in flight; retry shortly or on another node")
        .withRetryAfter(1)), Map.of("connection", "close"));
    long now = System.nanoTime();
    long last = lastLogNs.get();
    if (now - last >= LOG_EVERY_NS && lastLogNs.compareAndSet(last, now)) {
      long total = inFlight.refused();
      LOG.warn(
          "load shedding: refused {} requests with 503 in the last {} s ({} since start): {} in flight, MAX_IN_FLIGHT={}",
          total - loggedRefused.getAndSet(total), Math.max(1, (now - last) / 1_000_000_000L), total, inFlight.count(),
          inFlight.max());
    }
  }
}
