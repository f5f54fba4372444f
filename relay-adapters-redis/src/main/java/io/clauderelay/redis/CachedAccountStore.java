package io.clauderelay.redis;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.port.AccountStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The account catalogue held in the node, so choosing an account costs no round trip: {@link #list}
 * answers from memory while the copy is younger than {@code maxAge}; {@link #refresh} (a periodic
 * timer, more often than {@code maxAge}) reloads it in the background; a change made here or on
 * another node (the invalidation bus) drops it, so the next list reads Redis again.
 */
public final class CachedAccountStore implements AccountStore {
  private final AccountStore delegate;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Consumer<String> onChange;

  private List<Account> cached;
  private long loadedAt;
  /** Set by the first list: until then nobody needs the catalogue and refresh reads nothing. */
  private boolean wanted;
  /** Bumped by every invalidation: a load that started before one must not install its stale answer. */
  private long generation;
  private CompletableFuture<List<Account>> loading;

  /** {@code onChange} tells the other nodes (publishes the account id); it may do nothing. */
  public CachedAccountStore(AccountStore delegate, Duration maxAge, LongSupplier nanoTime, Consumer<String> onChange) {
    this.delegate = delegate;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
    this.onChange = onChange;
  }

  @Override
  public CompletionStage<List<Account>> list() {
    synchronized (this) {
      wanted = true;
      if (cached != null && nanoTime.getAsLong() - loadedAt < maxAgeNanos) {
        return CompletableFuture.completedFuture(cached);
      }
    }
    return load();
  }

  /**
   * Reloads the catalogue now (the periodic timer calls this, so requests find it fresh); nothing
   * before the first {@link #list}.
   */
  public CompletionStage<List<Account>> refresh() {
    synchronized (this) {
      if (!wanted) return CompletableFuture.completedFuture(List.of());
    }
    return load();
  }

  /** Drops the copy: the next {@link #list} reads Redis. Called for a change on another node. */
  public synchronized void invalidate() {
    generation++;
    cached = null;
    loading = null;
  }

  private CompletionStage<List<Account>> load() {
    CompletableFuture<List<Account>> mine;
    long gen;
    long started;
    synchronized (this) {
      // One read in flight at a time: callers arriving meanwhile share it.
      if (loading != null) return loading;
      mine = new CompletableFuture<>();
      loading = mine;
      gen = generation;
      started = nanoTime.getAsLong();
    }
    delegate.list().whenComplete((accounts, err) -> {
      synchronized (this) {
        if (loading == mine) loading = null;
        if (err == null && gen == generation) {
          cached = List.copyOf(accounts);
          loadedAt = started;
        }
      }
      if (err != null) mine.completeExceptionally(err);
      else mine.complete(List.copyOf(accounts));
    });
    return mine;
  }

  @Override
  public CompletionStage<Void> save(Account account) {
    return delegate.save(account).whenComplete((v, err) -> changed(account.id()));
  }

  @Override
  public CompletionStage<Optional<Account>> findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return delegate.delete(id).whenComplete((v, err) -> changed(id));
  }

  // Even a failed write may have landed: drop the copy either way.
  private void changed(String id) {
    invalidate();
    onChange.accept(id);
  }
}
