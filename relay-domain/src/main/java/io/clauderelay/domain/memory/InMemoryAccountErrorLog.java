package io.clauderelay.domain.memory;

import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.port.AccountErrorLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded account error log: one node, the newest {@code capacity} events per account. */
public final class InMemoryAccountErrorLog implements AccountErrorLog {
  private final int capacity;
  private final Map<String, Deque<AccountErrorEvent>> events = new HashMap<>();

  public InMemoryAccountErrorLog(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    this.capacity = capacity;
  }

  @Override
  public synchronized CompletionStage<Void> append(String accountId, AccountErrorEvent event) {
    Deque<AccountErrorEvent> list = events.computeIfAbsent(accountId, x -> new ArrayDeque<>());
    list.addFirst(event);
    while (list.size() > capacity) list.removeLast();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit) {
    Deque<AccountErrorEvent> list = events.get(accountId);
    List<AccountErrorEvent> out = new ArrayList<>();
    if (list != null) {
      for (Iterator<AccountErrorEvent> it = list.iterator(); it.hasNext() && out.size() < limit;) out.add(it.next());
    }
    return CompletableFuture.completedFuture(List.copyOf(out));
  }

  @Override
  public synchronized CompletionStage<Void> clear(String accountId) {
    events.remove(accountId);
    return CompletableFuture.completedFuture(null);
  }
}
