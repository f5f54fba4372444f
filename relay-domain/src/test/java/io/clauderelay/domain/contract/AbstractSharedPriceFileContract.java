package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.pricing.PriceFile;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SharedPriceFile} must do, asserted through the port only. */
public abstract class AbstractSharedPriceFileContract {
  /** A new, empty store; called before each test. */
  protected abstract SharedPriceFile newStore();

  protected SharedPriceFile store;

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  static PriceFile file(String sha, String json) {
    return new PriceFile(
        new PriceFile.Stamp("https://prices.example/p.json", Instant.parse("2026-01-02T03:04:05.678Z"), sha),
        json);
  }

  @Test
  void nothingIsStoredAtFirst() {
    assertThat(join(store.stamp())).isEmpty();
    assertThat(join(store.read())).isEmpty();
  }

  @Test
  void theWrittenFileIsReadBackWithItsStampAndTheLastWriteWins() {
    String big = "{\"m\":{\"input_cost_per_token\":1e-6,\"output_cost_per_token\":2e-6,\"note\":\"ü €\"}}";
    join(store.write(file("aaa", "{}")));
    join(store.write(file("bbb", big)));

    assertThat(join(store.stamp())).contains(file("bbb", big).stamp());
    assertThat(join(store.read())).contains(file("bbb", big));
  }
}
