package io.clauderelay.domain.port;

import io.clauderelay.domain.key.ApiKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Stores relay keys and the hash → id index used to authenticate a request in one lookup. */
public interface ApiKeyStore {

  /** Creates or replaces the key; keeps the hash index in step (a changed hash drops the old one). */
  CompletionStage<Void> save(ApiKey key);

  CompletionStage<Optional<ApiKey>> findById(String id);

  /** Finds a key by the keyed hash of its secret, deleted keys included (the caller decides). */
  CompletionStage<Optional<ApiKey>> findByHash(String hash);

  /** Every key, soft-deleted ones included, in creation order. */
  CompletionStage<List<ApiKey>> list();

  /** Removes the key and its index entry for good; false if it did not exist. */
  CompletionStage<Boolean> delete(String id);
}
