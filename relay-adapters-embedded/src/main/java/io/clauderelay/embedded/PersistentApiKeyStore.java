package io.clauderelay.embedded;

import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.memory.InMemoryApiKeyStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.redis.StoredJson;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Relay keys on disk: read from memory, every change synced to the file before it completes. */
public final class PersistentApiKeyStore implements ApiKeyStore {
  private final InMemoryApiKeyStore hot = new InMemoryApiKeyStore();
  private final OrderedDocuments docs;

  PersistentApiKeyStore(EmbeddedFile file) {
    this.docs = new OrderedDocuments(file, "apiKeys");
    docs.load().forEach(json -> hot.save(StoredJson.apiKey(json)));
  }

  @Override
  public synchronized CompletionStage<Void> save(ApiKey key) {
    hot.save(key);
    return docs.put(key.id(), StoredJson.apiKey(key));
  }

  @Override
  public CompletionStage<Optional<ApiKey>> findById(String id) {
    return hot.findById(id);
  }

  @Override
  public CompletionStage<Optional<ApiKey>> findByHash(String hash) {
    return hot.findByHash(hash);
  }

  @Override
  public CompletionStage<List<ApiKey>> list() {
    return hot.list();
  }

  @Override
  public synchronized CompletionStage<Boolean> delete(String id) {
    boolean existed = hot.delete(id).toCompletableFuture().join();
    return docs.remove(id).thenApply(v -> existed);
  }
}
