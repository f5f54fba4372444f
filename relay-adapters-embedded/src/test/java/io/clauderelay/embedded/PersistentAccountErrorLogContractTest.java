package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractAccountErrorLogContract;
import io.clauderelay.domain.port.AccountErrorLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The persistent embedded AccountErrorLog against the one contract every store passes. */
class PersistentAccountErrorLogContractTest extends AbstractAccountErrorLogContract {
  @TempDir
  Path dir;
  private final List<EmbeddedFile> files = new ArrayList<>();

  @Override
  protected AccountErrorLog newLog() {
    EmbeddedFile file = EmbeddedFile.open(dir.resolve("store" + files.size()));
    files.add(file);
    return new PersistentAccountErrorLog(file, CAPACITY);
  }

  @AfterEach
  void close() {
    files.forEach(EmbeddedFile::close);
  }
}
