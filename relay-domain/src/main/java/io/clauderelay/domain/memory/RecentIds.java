package io.clauderelay.domain.memory;

/**
 * The last {@code capacity} ids seen, kept as 128-bit fingerprints in flat arrays. A map of strings
 * gave every settled request an entry object and a string that lived for 100,000 requests: each
 * survived young collections, was promoted, and died in the old generation. That made every young
 * pause about 3 times longer and forced a full collection (45 ms) every minute at 7,500 req/s.
 * Primitive arrays hold no references, so the collector neither copies nor scans them.
 *
 * <p>Not thread-safe: the ledger calls it under its monitor. Two distinct ids share a fingerprint
 * with probability about 2^-128 per pair, far below any other failure of the machine.
 */
final class RecentIds {
  /** Fingerprints by ring slot, oldest overwritten first; their length is the capacity. */
  private final long[] high;
  private final long[] low;
  /** Open addressing with linear probing: ring slot + 1, or 0 for empty. At most half full. */
  private final int[] table;
  private final int mask;
  private int next;
  private int size;

  RecentIds(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.high = new long[capacity];
    this.low = new long[capacity];
    int tableSize = Integer.highestOneBit(capacity) << 2;
    this.table = new int[tableSize];
    this.mask = tableSize - 1;
  }

  /** Remembers {@code id}; false when it is already among the last capacity ids. */
  boolean add(String id) {
    long h = fingerprintHigh(id);
    long l = fingerprintLow(id);
    for (int i = home(h); table[i] != 0; i = (i + 1) & mask) {
      int slot = table[i] - 1;
      if (high[slot] == h && low[slot] == l) return false;
    }
    if (size == high.length) forget(next);
    else size++;
    int i = home(h);
    while (table[i] != 0) i = (i + 1) & mask;
    table[i] = next + 1;
    high[next] = h;
    low[next] = l;
    next = next + 1 == high.length ? 0 : next + 1;
    return true;
  }

  int size() {
    return size;
  }

  /** Removes ring slot {@code slot} from the table, shifting later probes back over the hole. */
  private void forget(int slot) {
    int hole = home(high[slot]);
    while (table[hole] != slot + 1) hole = (hole + 1) & mask;
    table[hole] = 0;
    for (int k = (hole + 1) & mask; table[k] != 0; k = (k + 1) & mask) {
      int h = home(high[table[k] - 1]);
      // An entry may fill the hole only if its home is not cyclically within (hole, k].
      boolean reachableWithout = hole <= k ? (hole < h && h <= k) : (hole < h || h <= k);
      if (reachableWithout) continue;
      table[hole] = table[k];
      table[k] = 0;
      hole = k;
    }
  }

  private int home(long fingerprint) {
    return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
  }

  private static long fingerprintHigh(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
    return mix(h);
  }

  private static long fingerprintLow(String s) {
    long h = 0x9e3779b97f4a7c15L ^ s.length();
    for (int i = 0; i < s.length(); i++) h = (h + s.charAt(i)) * 0xbf58476d1ce4e5b9L;
    return mix(h ^ 0x94d049bb133111ebL);
  }

  /** SplitMix64's finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
