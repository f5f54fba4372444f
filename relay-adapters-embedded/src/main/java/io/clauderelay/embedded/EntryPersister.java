package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.memory.LedgerEntries;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.h2.mvstore.MVMap;

/**
 * Keeps one map of the file in step with an in-memory store's flat entries: each flush takes a
 * snapshot (copied under the store's monitor, no I/O there), writes the entries that changed since
 * the last flush, removes those the store dropped, and expires those past their retention, in the
 * file and in memory alike. The request path never waits for it; it runs on the writer thread.
 */
final class EntryPersister {
  /** The in-memory store whose entries are kept. */
  interface Target {
    Map<String, Object> snapshot();

    void put(String name, Object value);

    void remove(String name);
  }

  private final MVMap<String, String> map;
  private final EntryCodec codec;
  private final Function<String, Duration> retention;
  private final Target target;
  private final RecordSlots records;
  private final Map<String, Object> written = new HashMap<>();
  private final Map<String, Long> expiresAt = new HashMap<>();

  EntryPersister(MVMap<String, String> map, EntryCodec codec, Function<String, Duration> retention, Target target,
      RecordSlots records) {
    this.map = map;
    this.codec = codec;
    this.retention = retention;
    this.target = target;
    this.records = records;
  }

  /** Loads every entry into the target; entries past their retention are dropped from the file instead. */
  void load(Instant now) {
    Map<String, String> expired = new HashMap<>();
    map.forEach((name, value) -> {
      JsonNode n = Json.tree(value);
      if (records != null && LedgerEntries.kind(name).equals(LedgerEntries.RECORDS)) {
        records.loadSlot(name, n);
        return;
      }
      long wroteAt = n.path("w").asLong();
      Duration keep = retention.apply(name);
      if (keep != null && wroteAt + keep.toMillis() <= now.toEpochMilli()) {
        expired.put(name, value);
        return;
      }
      Object v = codec.read(name, n.get("v"));
      target.put(name, v);
      written.put(name, v);
      if (keep != null) expiresAt.put(name, wroteAt + keep.toMillis());
    });
    expired.keySet().forEach(map::remove);
    if (records != null) records.loaded(target);
  }

  /** Writes what changed since the last flush; returns how many entries were written or removed. */
  int flush(Instant now) {
    long ms = now.toEpochMilli();
    Map<String, Object> snap = target.snapshot();
    int changes = 0;
    for (Map.Entry<String, Object> e : snap.entrySet()) {
      String name = e.getKey();
      if (records != null && LedgerEntries.kind(name).equals(LedgerEntries.RECORDS)) {
        changes += records.write(map, LedgerEntries.key(name), e.getValue(), ms);
        continue;
      }
      Object v = e.getValue();
      if (v.equals(written.get(name))) continue;
      map.put(name, Json.object().put("w", ms).set("v", codec.write(name, v)).toString());
      written.put(name, v);
      Duration keep = retention.apply(name);
      if (keep != null) expiresAt.put(name, ms + keep.toMillis());
      changes++;
    }
    for (Iterator<String> it = written.keySet().iterator(); it.hasNext();) {
      String name = it.next();
      if (snap.containsKey(name)) continue;
      it.remove();
      expiresAt.remove(name);
      map.remove(name);
      changes++;
    }
    for (Iterator<Map.Entry<String, Long>> it = expiresAt.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() > ms) continue;
      it.remove();
      written.remove(e.getKey());
      map.remove(e.getKey());
      target.remove(e.getKey());
      changes++;
    }
    return changes;
  }
}
