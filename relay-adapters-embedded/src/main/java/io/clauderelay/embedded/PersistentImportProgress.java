package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.memory.InMemoryImportProgress;
import io.clauderelay.domain.port.ImportProgress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.h2.mvstore.MVMap;

/**
 * What an import (import-crs) has brought into the embedded store, on disk with the data it
 * describes, so a rerun after a stop adds only what is new. One JSON object of marks per scope,
 * committed before the call completes (fsynced with the store's close at the end of the run).
 */
public final class PersistentImportProgress implements ImportProgress {
  private final InMemoryImportProgress hot = new InMemoryImportProgress();
  private final EmbeddedFile file;
  private final MVMap<String, String> map;

  PersistentImportProgress(EmbeddedFile file) {
    this.file = file;
    this.map = file.map("importProgress");
    map.forEach((scope, json) -> {
      Map<String, String> marks = new HashMap<>();
      Json.tree(json).fields().forEachRemaining(e -> marks.put(e.getKey(), e.getValue().asText()));
      hot.mark(scope, marks);
    });
  }

  @Override
  public CompletionStage<Map<String, String>> marks(String scope) {
    return hot.marks(scope);
  }

  @Override
  public synchronized CompletionStage<Void> mark(String scope, Map<String, String> marks) {
    hot.mark(scope, marks);
    ObjectNode n = Json.object();
    hot.marks(scope).toCompletableFuture().join().forEach(n::put);
    String json = n.toString();
    return file.write(() -> map.put(scope, json), false);
  }
}
