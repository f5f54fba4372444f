package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.pricing.PriceFile;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/** The embedded store's shared price file: a single node shares it with itself. */
public final class InMemorySharedPriceFile implements SharedPriceFile {
  private final AtomicReference<PriceFile> file = new AtomicReference<>();

  @Override
  public CompletionStage<Optional<PriceFile.Stamp>> stamp() {
    return CompletableFuture.completedFuture(Optional.ofNullable(file.get()).map(PriceFile::stamp));
  }

  @Override
  public CompletionStage<Optional<PriceFile>> read() {
    return CompletableFuture.completedFuture(Optional.ofNullable(file.get()));
  }

  @Override
  public CompletionStage<Void> write(PriceFile f) {
    file.set(f);
    return CompletableFuture.completedFuture(null);
  }
}
