package io.clauderelay.server.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests in progress, under the node's ceiling ({@code MAX_IN_FLIGHT}): a request past it is
 * refused at once instead of queueing; a graceful stop waits for the rest and, past its bound, cuts
 * them (each cut request still settles what it used and frees its lease).
 */
public final class InFlight {
  private final Map<Object, Runnable> active = new ConcurrentHashMap<>();
  /** Exact across event loops (a map's size is only an estimate while it changes). */
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final int max;

  public InFlight(int max) {
    if (max < 1) throw new IllegalArgumentException("max must be positive");
    this.max = max;
  }

  /** No ceiling. */
  public InFlight() {
    this(Integer.MAX_VALUE);
  }

  /** Registers the request if the node has room for it; false (counted as refused) when it is full. */
  public boolean tryEnter(Object request, Runnable abort) {
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      refused.incrementAndGet();
      return false;
    }
    if (active.putIfAbsent(request, abort) != null) count.decrementAndGet();
    return true;
  }

  public void leave(Object request) {
    if (active.remove(request) != null) count.decrementAndGet();
  }

  public int count() {
    return count.get();
  }

  public int max() {
    return max;
  }

  /** Requests refused because the node was full, since it started. */
  public long refused() {
    return refused.get();
  }

  public void abortAll() {
    active.values().forEach(Runnable::run);
  }
}
