package io.clauderelay.domain.memory;

import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The in-memory key store: the embedded store's hot copy (relay-adapters-embedded keeps it on disk) and the tests' store. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Map<String, ApiKey> byId = new LinkedHashMap<>();
  private final Map<String, String> idByHash = new LinkedHashMap<>();

  @Override
  public synchronized CompletionStage<Void> save(ApiKey key) {
    ApiKey old = byId.put(key.id(), key);
    if (old != null && !old.hash().equals(key.hash())) idByHash.remove(old.hash());
    idByHash.put(key.hash(), key.id());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Optional<ApiKey>> findById(String id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(byId.get(id)));
  }

  @Override
  public synchronized CompletionStage<Optional<ApiKey>> findByHash(String hash) {
    String id = idByHash.get(hash);
    return CompletableFuture.completedFuture(Optional.ofNullable(id == null ? null : byId.get(id)));
  }

  @Override
  public synchronized CompletionStage<List<ApiKey>> list() {
    return CompletableFuture.completedFuture(new ArrayList<>(byId.values()));
  }

  @Override
  public synchronized CompletionStage<Boolean> delete(String id) {
    ApiKey old = byId.remove(id);
    if (old != null) idByHash.remove(old.hash());
    return CompletableFuture.completedFuture(old != null);
  }
}
