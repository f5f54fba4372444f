package io.clauderelay.server.pricing;

import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a new price catalog changed against the previous one: model ids added, removed and repriced. */
public record PricingChange(int models, List<String> added, List<String> removed, List<String> changed) {

  static PricingChange between(PriceCatalog before, PriceCatalog after) {
    Map<String, ModelPrice> old = before.entries();
    Map<String, ModelPrice> now = after.entries();
    List<String> added = now.keySet().stream().filter(m -> !old.containsKey(m)).sorted().toList();
    List<String> removed = old.keySet().stream().filter(m -> !now.containsKey(m)).sorted().toList();
    List<String> changed = now.entrySet().stream()
        .filter(e -> old.containsKey(e.getKey()) && !Objects.equals(old.get(e.getKey()), e.getValue()))
        .map(Map.Entry::getKey).sorted().toList();
    return new PricingChange(now.size(), added, removed, changed);
  }
}
