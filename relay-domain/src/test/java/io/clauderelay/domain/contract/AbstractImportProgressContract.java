package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.ImportProgress;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ImportProgress} must do; a store's test extends this and supplies an empty one. */
public abstract class AbstractImportProgressContract {
  private ImportProgress progress;

  /** A store with no marks. */
  protected abstract ImportProgress newProgress();

  @BeforeEach
  void fresh() {
    progress = newProgress();
  }

  private Map<String, String> marks(String scope) {
    return progress.marks(scope).toCompletableFuture().join();
  }

  private void mark(String scope, Map<String, String> m) {
    progress.mark(scope, m).toCompletableFuture().join();
  }

  @Test
  void aScopeNeverMarkedHasNoMarks() {
    assertThat(marks("crs:key:a")).isEmpty();
  }

  @Test
  void marksAreKeptAndLaterOnesReplaceOnlyTheirOwnNames() {
    mark("crs:key:a", Map.of("day:2026-12-04", "1344", "records", "2"));
    mark("crs:key:a", Map.of("day:2026-12-04", "2688"));
    assertThat(marks("crs:key:a")).containsOnly(Map.entry("day:2026-12-04", "2688"), Map.entry("records", "2"));
  }

  @Test
  void scopesAreSeparate() {
    mark("crs:key:a", Map.of("n", "1"));
    mark("crs:key:b", Map.of("n", "2"));
    assertThat(marks("crs:key:a")).containsOnly(Map.entry("n", "1"));
    assertThat(marks("crs:key:b")).containsOnly(Map.entry("n", "2"));
  }

  @Test
  void markingNothingChangesNothing() {
    mark("crs:key:a", Map.of());
    assertThat(marks("crs:key:a")).isEmpty();
  }
}
