package io.clauderelay.domain.port;

import io.clauderelay.domain.pricing.PriceFile;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The last price file fetched from {@code PRICING_URL} by any node, so one node fetches and the
 * others load its copy. Nodes poll the small {@link #stamp} and read the body only when it changed.
 */
public interface SharedPriceFile {

  /** The stored file's stamp; empty when no node has stored one yet. */
  CompletionStage<Optional<PriceFile.Stamp>> stamp();

  /** The stored file; empty when no node has stored one yet. */
  CompletionStage<Optional<PriceFile>> read();

  /** Replaces the stored file (stamp and body together). */
  CompletionStage<Void> write(PriceFile file);
}
