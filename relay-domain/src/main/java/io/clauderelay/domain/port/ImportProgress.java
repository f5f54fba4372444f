package io.clauderelay.domain.port;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * What an import from another system (CRS) has already brought, as named marks per scope (e.g.
 * per key: the counters copied so far), so that a rerun adds only what is new and doubles nothing.
 */
public interface ImportProgress {

  /** Every mark of the scope; empty when nothing was imported into it yet. */
  CompletionStage<Map<String, String>> marks(String scope);

  /** Sets these marks (others of the scope stay as they are). */
  CompletionStage<Void> mark(String scope, Map<String, String> marks);
}
