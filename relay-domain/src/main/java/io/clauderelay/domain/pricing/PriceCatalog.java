package io.clauderelay.domain.pricing;

import java.util.Optional;

/** Prices per model, as read from a LiteLLM-schema price file. */
public interface PriceCatalog {
  Optional<ModelPrice> find(String model);

  int size();
}
