package io.clauderelay.server.observe;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.usage.TokenUsage;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several observers behind one (metrics and alerts); a failing one is logged and skipped. */
final class FanOutObserver implements RelayObserver {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutObserver.class);
  private final List<RelayObserver> observers;

  FanOutObserver(List<RelayObserver> observers) {
    this.observers = observers;
  }

  private void each(Consumer<RelayObserver> call) {
    for (RelayObserver o : observers) {
      try {
        call.accept(o);
      } catch (RuntimeException e) {
        // An observer bug must never fail the request it observes.
        LOG.error("observer {} failed", o.getClass().getSimpleName(), e);
      }
    }
  }

  @Override
  public void requestEnded(RequestEnded ended) {
    each(o -> o.requestEnded(ended));
  }

  @Override
  public void queueWaited(java.time.Duration waited, String outcome) {
    each(o -> o.queueWaited(waited, outcome));
  }

  @Override
  public void streamOpened() {
    each(RelayObserver::streamOpened);
  }

  @Override
  public void streamClosed() {
    each(RelayObserver::streamClosed);
  }

  @Override
  public void failover(Provider provider, int upstreamStatus) {
    each(o -> o.failover(provider, upstreamStatus));
  }

  @Override
  public void usage(Provider provider, String model, TokenUsage tokens, long costMicros, String keyId) {
    each(o -> o.usage(provider, model, tokens, costMicros, keyId));
  }

  @Override
  public void cooledDown(String accountId, java.time.Instant until, String reason) {
    each(o -> o.cooledDown(accountId, until, reason));
  }

  @Override
  public void accountBlocked(String accountId, String reason) {
    each(o -> o.accountBlocked(accountId, reason));
  }

  @Override
  public void loginLockedOut(String ip, String username, java.time.Duration lockout) {
    each(o -> o.loginLockedOut(ip, username, lockout));
  }

  @Override
  public void oauthRefresh(String accountId, boolean ok, String reason) {
    each(o -> o.oauthRefresh(accountId, ok, reason));
  }

  @Override
  public void storeCall(String op, long nanos, boolean ok) {
    each(o -> o.storeCall(op, nanos, ok));
  }
}
