package io.clauderelay.domain.memory;

import io.clauderelay.domain.account.SubscriptionWindow;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows of one node's accounts, in memory: also the embedded store's, since the next answer
 * of an account reports them again after a restart.
 */
public final class InMemorySubscriptionWindowStore implements SubscriptionWindowStore {
  private final Map<String, Map<String, SubscriptionWindow>> byAccount = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> record(String accountId, List<SubscriptionWindow> windows) {
    Map<String, SubscriptionWindow> kept = byAccount.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>());
    windows.forEach(w -> kept.put(w.name(), w));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Map<String, List<SubscriptionWindow>>> windows(Collection<String> accountIds, Instant now) {
    Map<String, List<SubscriptionWindow>> out = new LinkedHashMap<>();
    for (String id : accountIds) {
      Map<String, SubscriptionWindow> kept = byAccount.get(id);
      if (kept == null) continue;
      List<SubscriptionWindow> open = new TreeMap<>(kept).values().stream().filter(w -> w.reset().isAfter(now))
          .toList();
      if (!open.isEmpty()) out.put(id, open);
    }
    return CompletableFuture.completedFuture(out);
  }
}
