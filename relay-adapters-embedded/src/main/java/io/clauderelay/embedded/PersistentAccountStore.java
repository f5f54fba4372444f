package io.clauderelay.embedded;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.memory.InMemoryAccountStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.redis.StoredJson;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Upstream accounts (credentials stay encrypted) on disk: read from memory, every change synced before it completes. */
public final class PersistentAccountStore implements AccountStore {
  private final InMemoryAccountStore hot = new InMemoryAccountStore();
  private final OrderedDocuments docs;

  PersistentAccountStore(EmbeddedFile file) {
    this.docs = new OrderedDocuments(file, "accounts");
    docs.load().forEach(json -> hot.save(StoredJson.account(json)));
  }

  @Override
  public synchronized CompletionStage<Void> save(Account account) {
    hot.save(account);
    return docs.put(account.id(), StoredJson.account(account));
  }

  @Override
  public CompletionStage<Optional<Account>> findById(String id) {
    return hot.findById(id);
  }

  @Override
  public CompletionStage<List<Account>> list() {
    return hot.list();
  }

  @Override
  public synchronized CompletionStage<Boolean> delete(String id) {
    boolean existed = hot.delete(id).toCompletableFuture().join();
    return docs.remove(id).thenApply(v -> existed);
  }
}
