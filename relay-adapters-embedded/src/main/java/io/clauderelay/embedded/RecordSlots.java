package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.redis.StoredJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * A key's newest records on disk as a ring of {@link #KEPT} slots, each record written once: the
 * n-th record of a key goes to slot n mod 200, overwriting the one that fell out of the list. So
 * writing costs one record per request, not the whole list every flush, and the file holds at most
 * 200 records per key, as the list in memory (and on Redis) does.
 */
final class RecordSlots {
  static final int KEPT = 200;

  /** The newest record written (by identity) and how many records the key has had. */
  private record Ring(UsageRecord head, long count) {}

  private record Slot(long seq, UsageRecord record) {}

  private final Map<String, Ring> rings = new HashMap<>();
  private final Map<String, List<Slot>> loading = new HashMap<>();

  private static String slotName(String keyId, long slot) {
    return LedgerEntries.name(LedgerEntries.RECORDS, keyId + '\u0000' + slot);
  }

  void loadSlot(String name, JsonNode n) {
    String key = LedgerEntries.key(name);
    String keyId = key.substring(0, key.lastIndexOf('\u0000'));
    loading.computeIfAbsent(keyId, x -> new ArrayList<>())
        .add(new Slot(n.path("seq").asLong(), StoredJson.usageRecord(n.get("v").toString())));
  }

  /** Hands the loaded lists (newest first) to the ledger. */
  void loaded(EntryPersister.Target target) {
    loading.forEach((keyId, slots) -> {
      slots.sort(Comparator.comparingLong(Slot::seq).reversed());
      List<UsageRecord> list = slots.stream().map(Slot::record).toList();
      target.put(LedgerEntries.name(LedgerEntries.RECORDS, keyId), list);
      rings.put(keyId, new Ring(list.get(0), slots.get(0).seq() + 1));
    });
    loading.clear();
  }

  /** Writes the records of {@code keyId} newer than the last written head; returns how many. */
  @SuppressWarnings("unchecked")
  int write(MVMap<String, String> map, String keyId, Object value, long nowMs) {
    List<UsageRecord> list = (List<UsageRecord>) value;
    if (list.isEmpty()) return 0;
    Ring ring = rings.get(keyId);
    if (ring != null && list.get(0) == ring.head()) return 0;
    int fresh = 0;
    while (fresh < list.size() && (ring == null || list.get(fresh) != ring.head())) fresh++;
    long count = (ring == null ? 0 : ring.count()) + fresh;
    for (int j = Math.min(fresh, KEPT) - 1; j >= 0; j--) {
      long seq = count - 1 - j;
      String json = Json.object().put("w", nowMs).put("seq", seq)
          .set("v", Json.tree(StoredJson.usageRecord(list.get(j))))
          .toString();
      map.put(slotName(keyId, seq % KEPT), json);
    }
    rings.put(keyId, new Ring(list.get(0), count));
    return fresh;
  }
}
