package io.clauderelay.server.pricing;

import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live price catalog: callers hold this one object while a refresher swaps the catalog behind it
 * atomically, so a request sees either the old or the new prices, never a mix.
 */
public final class PriceCatalogHolder implements PriceCatalog {
  private final AtomicReference<PriceCatalog> current;

  public PriceCatalogHolder(PriceCatalog initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public PriceCatalog current() {
    return current.get();
  }

  /** Installs a new catalog and returns the one it replaced. */
  public PriceCatalog replace(PriceCatalog next) {
    if (next == this) throw new IllegalArgumentException("a holder cannot hold itself");
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }

  @Override
  public Optional<ModelPrice> find(String model) {
    return current.get().find(model);
  }

  @Override
  public int size() {
    return current.get().size();
  }

  @Override
  public Map<String, ModelPrice> entries() {
    return current.get().entries();
  }
}
