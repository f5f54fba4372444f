package io.clauderelay.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.contract.AbstractImportProgressContract;
import io.clauderelay.domain.port.ImportProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded store's import marks against the contract, and across a reopen (a rerun after a stop). */
class PersistentImportProgressContractTest extends AbstractImportProgressContract {
  private EmbeddedFile file;

  @Override
  protected ImportProgress newProgress() {
    try {
      file = EmbeddedFile.open(Files.createTempDirectory("import-progress"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new PersistentImportProgress(file);
  }

  @AfterEach
  void close() {
    if (file != null) file.close();
  }

  @Test
  void marksSurviveAReopen() {
    Path dir = file.path().getParent();
    new PersistentImportProgress(file).mark("key:k1", Map.of("usage:total", "42")).toCompletableFuture().join();
    file.close();
    file = EmbeddedFile.open(dir);

    assertThat(new PersistentImportProgress(file).marks("key:k1").toCompletableFuture().join())
        .containsEntry("usage:total", "42");
  }
}
