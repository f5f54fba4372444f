package io.clauderelay.server.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the distinct values of a label a client can choose (the model name): the first
 * {@code max} values are kept, later new ones become {@code "other"}, so a client sending random
 * model names cannot grow the scrape without limit.
 */
final class LabelGuard {
  static final String OTHER = "other";
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final int max;

  LabelGuard(int max) {
    this.max = max;
  }

  String of(String value) {
    if (value == null || value.isEmpty()) return "none";
    if (seen.contains(value)) return value;
    if (seen.size() >= max || value.length() > 100) return OTHER;
    seen.add(value);
    return value;
  }
}
