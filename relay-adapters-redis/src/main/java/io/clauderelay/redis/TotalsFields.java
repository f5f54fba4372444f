package io.clauderelay.redis;

import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash fields an aggregate is kept in (requests, token kinds, rated and real cost) and how to
 * read them back. Scoped aggregates (per model, per account) prefix the metric: {@code <metric>:<scope>}.
 */
final class TotalsFields {
  static final List<String> METRICS = List.of("requests", "input", "output", "cacheWrite5m", "cacheWrite1h",
      "cacheRead", "rated", "real");

  private TotalsFields() {}

  /** The increments of one record, in {@link #METRICS} order. */
  static List<String> increments(UsageRecord r) {
    TokenUsage t = r.tokens();
    return List.of("1", Long.toString(t.input()), Long.toString(t.output()), Long.toString(t.cacheWrite5m()),
        Long.toString(t.cacheWrite1h()), Long.toString(t.cacheRead()), Long.toString(r.ratedCostMicros()),
        Long.toString(r.cost().totalMicros()));
  }

  /** An unscoped aggregate hash. */
  static UsageTotals totals(Map<String, String> h) {
    if (h.isEmpty()) return UsageTotals.EMPTY;
    return new UsageTotals(get(h, "requests"),
        new TokenUsage(get(h, "input"), get(h, "output"), get(h, "cacheWrite5m"), get(h, "cacheWrite1h"),
            get(h, "cacheRead")),
        get(h, "rated"), get(h, "real"));
  }

  /** A scoped aggregate hash, split by scope (everything after the metric's colon). */
  static Map<String, UsageTotals> scoped(Map<String, String> h) {
    Map<String, Map<String, String>> byScope = new TreeMap<>();
    h.forEach((field, value) -> {
      int colon = field.indexOf(':');
      if (colon < 0) return;
      byScope.computeIfAbsent(field.substring(colon + 1), s -> new java.util.HashMap<>())
          .put(field.substring(0, colon), value);
    });
    Map<String, UsageTotals> out = new TreeMap<>();
    byScope.forEach((scope, fields) -> out.put(scope, totals(fields)));
    return out;
  }

  private static long get(Map<String, String> h, String f) {
    String v = h.get(f);
    return v == null ? 0 : Long.parseLong(v);
  }
}
