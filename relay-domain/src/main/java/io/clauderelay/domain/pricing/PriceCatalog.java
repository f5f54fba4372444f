package io.clauderelay.domain.pricing;

import java.util.Map;
import java.util.Optional;

/** Prices per model, as read from a LiteLLM-schema price file. */
public interface PriceCatalog {
  /** The price of a model as a client or upstream names it; empty when the catalog does not know it. */
  Optional<ModelPrice> find(String model);

  int size();

  /** Every entry by its catalog id, e.g. for an admin listing; unmodifiable. */
  Map<String, ModelPrice> entries();
}
