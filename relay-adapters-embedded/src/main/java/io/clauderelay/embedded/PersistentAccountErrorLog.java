package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.memory.InMemoryAccountErrorLog;
import io.clauderelay.domain.port.AccountErrorLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.h2.mvstore.MVMap;

/**
 * Each account's recent cool-downs on disk, one JSON array per account. The call completes from
 * memory (it is on a failing request's path) and the writer commits it at once, well within the
 * store's one-second bound.
 */
public final class PersistentAccountErrorLog implements AccountErrorLog {
  private final InMemoryAccountErrorLog hot;
  private final int capacity;
  private final EmbeddedFile file;
  private final MVMap<String, String> map;

  PersistentAccountErrorLog(EmbeddedFile file, int capacity) {
    this.hot = new InMemoryAccountErrorLog(capacity);
    this.capacity = capacity;
    this.file = file;
    this.map = file.map("accountErrors");
    map.forEach((id, json) -> {
      List<AccountErrorEvent> events = events(Json.tree(json));
      for (int i = events.size() - 1; i >= 0; i--) hot.append(id, events.get(i));
    });
  }

  @Override
  public synchronized CompletionStage<Void> append(String accountId, AccountErrorEvent event) {
    CompletionStage<Void> done = hot.append(accountId, event);
    String json = json(hot.recent(accountId, capacity).toCompletableFuture().join());
    file.write(() -> map.put(accountId, json), false);
    return done;
  }

  @Override
  public CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit) {
    return hot.recent(accountId, limit);
  }

  @Override
  public synchronized CompletionStage<Void> clear(String accountId) {
    CompletionStage<Void> done = hot.clear(accountId);
    file.write(() -> map.remove(accountId), false);
    return done;
  }

  static String json(List<AccountErrorEvent> events) {
    ArrayNode a = Json.array();
    events.forEach(
        e -> a.addObject().put("at", e.at().toString()).put("until", e.until().toString()).put("reason", e.reason()));
    return a.toString();
  }

  static List<AccountErrorEvent> events(JsonNode a) {
    List<AccountErrorEvent> out = new ArrayList<>();
    a.forEach(n -> out
        .add(new AccountErrorEvent(Instant.parse(n.path("at").asText()), Instant.parse(n.path("until").asText()),
            n.path("reason").asText())));
    return out;
  }
}
