package io.clauderelay.domain.pricing;

import io.clauderelay.domain.usage.TokenUsage;

/** STUB: replaced by the pricing work. */
public final class CostCalculator {
  private final PriceCatalog catalog;
  private final ModelPrice fallback;

  public CostCalculator(PriceCatalog catalog, ModelPrice fallback) {
    this.catalog = catalog;
    this.fallback = fallback;
  }

  public Cost cost(String model, TokenUsage usage, boolean longContextRequested) {
    return Cost.ZERO;
  }
}
