package io.clauderelay.redis;

import io.clauderelay.domain.account.SubscriptionWindow;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Each subscription account's last reported windows in one hash {@code cr:{acct:<id>}:windows}
 * (field = window name, value = {@code status|utilization|startSec|resetSec}), in the account's own
 * slot; it lives 8 days past the last report (the longest window is a week).
 */
public final class RedisSubscriptionWindowStore implements SubscriptionWindowStore {
  private static final Duration KEEP = Duration.ofDays(8);

  private final RedisCommands redis;

  public RedisSubscriptionWindowStore(RedisCommands redis) {
    this.redis = redis;
  }

  static String key(String accountId) {
    return RedisKeys.PREFIX + "{acct:" + accountId + "}:windows";
  }

  @Override
  public CompletionStage<Void> record(String accountId, List<SubscriptionWindow> windows) {
    if (windows.isEmpty()) return CompletableFuture.completedFuture(null);
    return redis.batch(() -> {
      Request hset = Request.cmd(Command.HSET).arg(key(accountId));
      for (SubscriptionWindow w : windows) {
        hset.arg(w.name()).arg((w.status() == null ? "" : w.status()) + "|"
            + (w.utilization() == null ? "" : w.utilization().toPlainString()) + "|" + w.start().getEpochSecond() + "|"
            + w.reset().getEpochSecond());
      }
      return List.of(hset, Request.cmd(Command.PEXPIRE).arg(key(accountId)).arg(KEEP.toMillis()));
    }).thenApply(r -> null);
  }

  @Override
  public CompletionStage<Map<String, List<SubscriptionWindow>>> windows(Collection<String> accountIds, Instant now) {
    List<String> ids = List.copyOf(accountIds);
    if (ids.isEmpty()) return CompletableFuture.completedFuture(Map.of());
    return redis.batch(() -> ids.stream().map(id -> Request.cmd(Command.HGETALL).arg(key(id))).toList())
        .thenApply(replies -> {
          Map<String, List<SubscriptionWindow>> out = new LinkedHashMap<>();
          for (int i = 0; i < ids.size(); i++) {
            List<SubscriptionWindow> open = open(replies.get(i), now);
            if (!open.isEmpty()) out.put(ids.get(i), open);
          }
          return out;
        });
  }

  private static List<SubscriptionWindow> open(Response r, Instant now) {
    List<SubscriptionWindow> out = new ArrayList<>();
    new TreeMap<>(Replies.hash(r)).forEach((name, value) -> {
      String[] p = value.split("\\|", -1);
      if (p.length != 4) return;
      Instant reset = Instant.ofEpochSecond(Long.parseLong(p[3]));
      if (!reset.isAfter(now)) return;
      out.add(new SubscriptionWindow(name, p[0].isEmpty() ? null : p[0], p[1].isEmpty() ? null : new BigDecimal(p[1]),
          Instant.ofEpochSecond(Long.parseLong(p[2])), reset));
    });
    return out;
  }
}
