package io.clauderelay.server.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests in progress, so a graceful stop can wait for them and, past its bound, cut the
 * rest (each cut request still settles what it used and frees its lease).
 */
public final class InFlight {
  private final Map<Object, Runnable> active = new ConcurrentHashMap<>();

  public void enter(Object request, Runnable abort) {
    active.put(request, abort);
  }

  public void leave(Object request) {
    active.remove(request);
  }

  public int count() {
    return active.size();
  }

  public void abortAll() {
    active.values().forEach(Runnable::run);
  }
}
