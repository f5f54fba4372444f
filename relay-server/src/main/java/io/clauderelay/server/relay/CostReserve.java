package io.clauderelay.server.relay;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.pricing.PriceCatalog;

/**
 * How much rated cost an admitted request holds against the key's cost limits until it settles:
 * a lower bound (its prompt at roughly four bytes per token, input price), so that a burst of
 * concurrent requests cannot all slip under a cost cap that the first of them will reach.
 */
final class CostReserve {
  private CostReserve() {}

  static long estimate(PriceCatalog prices, ApiKey key, String model, int bodyBytes) {
    long inputPicosPerToken = prices.find(model).map(p -> p.base().input()).orElse(0L);
    if (inputPicosPerToken <= 0) return 0;
    long picos = Math.multiplyExact(inputPicosPerToken, Math.max(1, bodyBytes / 4));
    return Money.rated(Money.microsFromPicos(picos), key.rate(Provider.ofModel(model)));
  }
}
