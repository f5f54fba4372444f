package io.clauderelay.server.relay;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests in progress, so a graceful stop can wait for them to finish. */
public final class InFlight {
  private final AtomicInteger count = new AtomicInteger();

  public void enter() {
    count.incrementAndGet();
  }

  public void leave() {
    count.decrementAndGet();
  }

  public int count() {
    return count.get();
  }
}
