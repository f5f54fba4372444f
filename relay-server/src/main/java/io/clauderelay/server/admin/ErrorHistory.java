package io.clauderelay.server.admin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last cool-down events of each account, kept in memory on this node only: enough to see why an
 * account stepped out recently, without a new store (other nodes keep their own).
 */
public final class ErrorHistory {
  /** One cool-down: when, until when, and why (the failure class and HTTP status). */
  public record Event(Instant at, Instant until, String reason) {}

  private final int kept;
  private final Map<String, Deque<Event>> events = new HashMap<>();

  public ErrorHistory(int kept) {
    this.kept = kept;
  }

  public synchronized void add(String accountId, Event e) {
    Deque<Event> list = events.computeIfAbsent(accountId, x -> new ArrayDeque<>());
    list.addFirst(e);
    while (list.size() > kept) list.removeLast();
  }

  /** Newest first. */
  public synchronized List<Event> of(String accountId) {
    Deque<Event> list = events.get(accountId);
    return list == null ? List.of() : List.copyOf(list);
  }

  public synchronized void clear(String accountId) {
    events.remove(accountId);
  }
}
