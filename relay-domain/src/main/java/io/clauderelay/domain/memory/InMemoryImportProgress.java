package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.ImportProgress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded store's import marks: one node, nothing survives a restart. */
public final class InMemoryImportProgress implements ImportProgress {
  private final Map<String, Map<String, String>> scopes = new HashMap<>();

  @Override
  public synchronized CompletionStage<Map<String, String>> marks(String scope) {
    return CompletableFuture.completedFuture(Map.copyOf(scopes.getOrDefault(scope, Map.of())));
  }

  @Override
  public synchronized CompletionStage<Void> mark(String scope, Map<String, String> marks) {
    if (!marks.isEmpty()) scopes.computeIfAbsent(scope, s -> new HashMap<>()).putAll(marks);
    return CompletableFuture.completedFuture(null);
  }
}
