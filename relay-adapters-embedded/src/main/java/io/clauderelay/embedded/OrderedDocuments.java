package io.clauderelay.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.h2.mvstore.MVMap;

/**
 * One map of id → JSON document that remembers the order documents were first written in (the
 * creation order the stores list them in): each value is its position, a newline, the document.
 */
final class OrderedDocuments {
  private final EmbeddedFile file;
  private final MVMap<String, String> map;
  private final Map<String, Long> positions = new HashMap<>();
  private long next;

  OrderedDocuments(EmbeddedFile file, String name) {
    this.file = file;
    this.map = file.map(name);
  }

  /** Every document in first-written order; call once, before any put. */
  synchronized List<String> load() {
    List<Map.Entry<Long, String>> all = new ArrayList<>();
    map.forEach((id, value) -> {
      int nl = value.indexOf('\n');
      long position = Long.parseLong(value.substring(0, nl));
      positions.put(id, position);
      next = Math.max(next, position + 1);
      all.add(Map.entry(position, value.substring(nl + 1)));
    });
    all.sort(Comparator.comparing(Map.Entry::getKey));
    return all.stream().map(Map.Entry::getValue).toList();
  }

  /** Writes the document; completes once it is committed and synced to the disk. */
  synchronized CompletionStage<Void> put(String id, String json) {
    long position = positions.computeIfAbsent(id, x -> next++);
    String value = position + "\n" + json;
    return file.write(() -> map.put(id, value), true);
  }

  synchronized CompletionStage<Void> remove(String id) {
    positions.remove(id);
    return file.write(() -> map.remove(id), true);
  }
}
