package io.clauderelay.server.pricing;

import io.clauderelay.domain.pricing.PriceFile;
import java.time.Instant;

/**
 * Where the live price catalog came from and when ({@code source} is a URL, a file or
 * "bundled"), its SHA-256 when it was fetched, and the last failed fetch (null when none since).
 */
public record PricingStatus(String source, Instant loadedAt, String sha256, int models, String lastError,
    Instant lastErrorAt) {

  static PricingStatus initial(String source, Instant at, int models) {
    return new PricingStatus(source, at, "", models, null, null);
  }

  static PricingStatus loaded(PriceFile.Stamp stamp, int models) {
    return new PricingStatus(stamp.source(), stamp.fetchedAt(), stamp.sha256(), models, null, null);
  }

  PricingStatus failed(String error, Instant at) {
    return new PricingStatus(source, loadedAt, sha256, models, error, at);
  }
}
