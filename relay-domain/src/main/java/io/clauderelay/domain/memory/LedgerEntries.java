package io.clauderelay.domain.memory;

import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable part of an {@link InMemoryLedger} as flat named entries, for a store that persists
 * it: a snapshot to diff against what it wrote, and put/remove to load it back or expire it.
 * Leases and settled request ids are left out: neither outlives the process that made them.
 *
 * <p>A name is its kind, NUL, then the ledger's own key (for per-model and per-day totals: the
 * outer key, NUL, the inner key). Values are immutable: {@link UsageTotals}, {@link Long} (cost
 * counters), {@link Instant} (last use), {@code List<UsageRecord>} (newest first), {@link Sticky},
 * {@link Window}.
 */
public final class LedgerEntries {
  public static final String TOTAL = "total", MODEL = "model", DAY = "day", MINUTE = "minute", COST = "cost",
      RECORDS = "records", LAST_USED = "lastUsed", STICKY = "sticky", WINDOW = "window";
  private static final char SEP = '\u0000';

  /** A sticky session's binding (key id NUL session id) to an account until {@code expiresAt}. */
  public record Sticky(String accountId, Instant expiresAt) {}

  /** A key's open rate-limit window and what it has counted. */
  public record Window(Instant start, int minutes, long requests, long tokens, long costMicros) {}

  private LedgerEntries() {}

  public static String name(String kind, String key) {
    return kind + SEP + key;
  }

  /** The kind of an entry name (the part before the first NUL). */
  public static String kind(String name) {
    int i = name.indexOf(SEP);
    return i < 0 ? name : name.substring(0, i);
  }

  /** The ledger's own key of an entry name (after the first NUL). */
  public static String key(String name) {
    return name.substring(name.indexOf(SEP) + 1);
  }

  /** Every durable entry, copied under the ledger's monitor (no serialisation here: the caller's thread does it). */
  public static Map<String, Object> snapshot(InMemoryLedger l) {
    synchronized (l) {
      Map<String, Object> out = new HashMap<>();
      l.totals.forEach((k, v) -> out.put(name(TOTAL, k), v));
      l.modelTotals.forEach((k, m) -> m.forEach((model, v) -> out.put(name(MODEL, k + SEP + model), v)));
      l.dayTotals.forEach((d, m) -> m.forEach((n, v) -> out.put(name(DAY, d + SEP + n), v)));
      l.minuteTotals.forEach((k, v) -> out.put(name(MINUTE, Long.toString(k)), v));
      l.costCounters.forEach((k, v) -> out.put(name(COST, k), v));
      l.records.forEach((k, v) -> out.put(name(RECORDS, k), List.copyOf(v)));
      l.lastUsed.forEach((k, v) -> out.put(name(LAST_USED, k), v));
      l.sticky.forEach((k, v) -> out.put(name(STICKY, k), new Sticky(v.accountId(), v.expiresAt())));
      l.windows.forEach(
          (k, w) -> out.put(name(WINDOW, k), new Window(w.start, w.minutes, w.requests, w.tokens, w.costMicros)));
      return out;
    }
  }

  /** Sets one entry (loading it back at start); the value's type must match the name's kind. */
  @SuppressWarnings("unchecked")
  public static void put(InMemoryLedger l, String name, Object value) {
    String key = key(name);
    synchronized (l) {
      switch (kind(name)) {
        case TOTAL -> l.totals.put(key, (UsageTotals) value);
        case MODEL ->
          l.modelTotals.computeIfAbsent(outer(key), x -> new TreeMap<>()).put(inner(key), (UsageTotals) value);
        case DAY -> l.dayTotals.computeIfAbsent(outer(key), x -> new TreeMap<>()).put(inner(key), (UsageTotals) value);
        case MINUTE -> l.minuteTotals.put(Long.parseLong(key), (UsageTotals) value);
        case COST -> l.costCounters.put(key, (Long) value);
        case RECORDS -> l.records.put(key, new ArrayDeque<>((List<UsageRecord>) value));
        case LAST_USED -> l.lastUsed.put(key, (Instant) value);
        case STICKY -> {
          Sticky s = (Sticky) value;
          l.sticky.put(key, new InMemoryLedger.Binding(s.accountId(), s.expiresAt()));
        }
        case WINDOW -> {
          Window w = (Window) value;
          InMemoryLedger.Window iw = new InMemoryLedger.Window();
          iw.start = w.start();
          iw.minutes = w.minutes();
          iw.requests = w.requests();
          iw.tokens = w.tokens();
          iw.costMicros = w.costMicros();
          l.windows.put(key, iw);
        }
        default -> throw new IllegalArgumentException("unknown ledger entry kind: " + kind(name));
      }
    }
  }

  /** Drops one entry (it expired, as its Redis key would have). */
  public static void remove(InMemoryLedger l, String name) {
    String key = key(name);
    synchronized (l) {
      switch (kind(name)) {
        case TOTAL -> l.totals.remove(key);
        case MODEL -> removeInner(l.modelTotals, key);
        case DAY -> removeInner(l.dayTotals, key);
        case MINUTE -> l.minuteTotals.remove(Long.parseLong(key));
        case COST -> l.costCounters.remove(key);
        case RECORDS -> l.records.remove(key);
        case LAST_USED -> l.lastUsed.remove(key);
        case STICKY -> l.sticky.remove(key);
        case WINDOW -> l.windows.remove(key);
        default -> throw new IllegalArgumentException("unknown ledger entry kind: " + kind(name));
      }
    }
  }

  private static void removeInner(Map<String, Map<String, UsageTotals>> maps, String key) {
    Map<String, UsageTotals> m = maps.get(outer(key));
    if (m == null) return;
    m.remove(inner(key));
    if (m.isEmpty()) maps.remove(outer(key));
  }

  private static String outer(String key) {
    return key.substring(0, key.indexOf(SEP));
  }

  private static String inner(String key) {
    return key.substring(key.indexOf(SEP) + 1);
  }
}
