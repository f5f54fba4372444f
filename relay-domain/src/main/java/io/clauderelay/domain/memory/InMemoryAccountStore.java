package io.clauderelay.domain.memory;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.port.AccountStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded account store: lists accounts in the order they were first saved. */
public final class InMemoryAccountStore implements AccountStore {
  // LinkedHashMap keeps a re-saved account at its original position: creation order.
  private final Map<String, Account> byId = new LinkedHashMap<>();

  @Override
  public synchronized CompletionStage<Void> save(Account account) {
    byId.put(account.id(), account);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Optional<Account>> findById(String id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(byId.get(id)));
  }

  @Override
  public synchronized CompletionStage<List<Account>> list() {
    return CompletableFuture.completedFuture(new ArrayList<>(byId.values()));
  }

  @Override
  public synchronized CompletionStage<Boolean> delete(String id) {
    return CompletableFuture.completedFuture(byId.remove(id) != null);
  }
}
