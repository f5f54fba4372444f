package io.clauderelay.embedded;

import static io.clauderelay.embedded.StateFixture.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A second relay on the same DATA_DIR, a damaged file, a file with a torn tail: what the operator sees. */
class FileProblemsTest {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @TempDir
  Path dir;

  @Test
  void aSecondStoreOnTheSameDataDirIsRefusedAndToldToUseRedis() {
    stores.open(dir, Clock.systemUTC());

    assertThatThrownBy(() -> stores.open(dir, Clock.systemUTC()))
        .isInstanceOf(EmbeddedStoreException.class)
        .hasMessageContaining("is in use by another relay")
        .hasMessageContaining("for several nodes use Redis")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aFileThatCannotBeReadStopsTheStartInsteadOfStartingEmpty() throws IOException {
    EmbeddedStore s = stores.open(dir, Clock.systemUTC());
    StateFixture.writeAdmin(s, "a", Instant.now());
    stores.close(s);
    byte[] bytes = Files.readAllBytes(dir.resolve(EmbeddedFile.FILE_NAME));
    new Random(7).nextBytes(bytes);
    Files.write(dir.resolve(EmbeddedFile.FILE_NAME), bytes);

    assertThatThrownBy(() -> stores.open(dir, Clock.systemUTC()))
        .isInstanceOf(EmbeddedStoreException.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("does not start empty")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(Files.readAllBytes(dir.resolve(EmbeddedFile.FILE_NAME))).as("the damaged file is left as it was")
        .isEqualTo(bytes);
  }

  @Test
  void aFileWithATornLastWriteIsReadBackToItsLastGoodCommit() throws IOException {
    EmbeddedStore s = stores.open(dir, Clock.systemUTC());
    StateFixture.writeAdmin(s, "a", Instant.now());
    stores.crash(s);
    byte[] torn = new byte[5000];
    new Random(3).nextBytes(torn);
    Files.write(dir.resolve(EmbeddedFile.FILE_NAME), torn, StandardOpenOption.APPEND);

    EmbeddedStore again = stores.open(dir, Clock.systemUTC());

    assertThat(join(again.keys().findById("k-a"))).isPresent();
    assertThat(join(again.admin().credentials()).orElseThrow().username()).isEqualTo("admin-a");
  }
}
