package io.clauderelay.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.port.AccountErrorLog;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account error log on Redis, shared by every node: one LIST per account in the account's own
 * slot ({@code cr:{acct:<a>}:errors}), newest first. An append is LPUSH + LTRIM + PEXPIRE pipelined
 * in one round trip (not atomic, and need not be: whatever interleaves, the trim keeps the newest
 * {@code capacity}); the TTL, renewed per append, only drops the logs of accounts that stopped failing.
 */
public final class RedisAccountErrorLog implements AccountErrorLog {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAccountErrorLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisCommands redis;
  private final int capacity;
  private final Duration retention;

  public RedisAccountErrorLog(RedisCommands redis, int capacity, Duration retention) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    this.redis = redis;
    this.capacity = capacity;
    this.retention = retention;
  }

  @Override
  public CompletionStage<Void> append(String accountId, AccountErrorEvent event) {
    String key = RedisKeys.accountErrors(accountId);
    String json = JSON.createObjectNode().put("at", event.at().toEpochMilli())
        .put("until", event.until().toEpochMilli())
        .put("reason", event.reason()).toString();
    return redis.batch(() -> List.of(
        Request.cmd(Command.LPUSH).arg(key).arg(json),
        Request.cmd(Command.LTRIM).arg(key).arg(0).arg(capacity - 1),
        Request.cmd(Command.PEXPIRE).arg(key).arg(retention.toMillis())))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit) {
    int n = Math.min(limit, capacity);
    // LRANGE 0 -1 would mean "everything": a zero limit never reaches Redis.
    if (n <= 0) return CompletableFuture.completedFuture(List.of());
    return redis.send(Request.cmd(Command.LRANGE).arg(RedisKeys.accountErrors(accountId)).arg(0).arg(n - 1))
        .thenApply(RedisAccountErrorLog::events);
  }

  @Override
  public CompletionStage<Void> clear(String accountId) {
    return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.accountErrors(accountId))).thenApply(r -> null);
  }

  private static List<AccountErrorEvent> events(Response r) {
    List<AccountErrorEvent> out = new ArrayList<>();
    if (r == null) return out;
    for (int i = 0; i < r.size(); i++) {
      try {
        JsonNode n = JSON.readTree(r.get(i).toString());
        out.add(new AccountErrorEvent(Instant.ofEpochMilli(n.path("at").asLong()),
            Instant.ofEpochMilli(n.path("until").asLong()), n.path("reason").asText("")));
      } catch (IOException | RuntimeException e) {
        // One unreadable entry (hand-edited, another version) must not hide the rest.
        LOG.warn("skipping an unreadable account error event: {}", e.toString());
      }
    }
    return List.copyOf(out);
  }
}
