package io.clauderelay.server.crs;

import io.clauderelay.domain.usage.TokenUsage;
import java.util.Map;

/**
 * One CRS usage bucket's counters (requests, tokens by kind, real and rated cost in micro-dollars),
 * as read from CRS and as remembered in the import marks, with the arithmetic of deltas.
 */
record CrsCounters(long requests, long input, long output, long cache5m, long cache1h, long cacheRead, long realMicros,
    long ratedMicros) {

  static final CrsCounters ZERO = new CrsCounters(0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * A CRS bucket hash ({@code usage:<k>:model:daily:…}): CRS's integer {@code realCostMicro} and
   * {@code ratedCostMicro} when it wrote them, else the float {@code cost} fields, read exactly.
   */
  static CrsCounters ofBucket(Map<String, String> h) {
    long create = CrsValues.number(h, "cacheCreateTokens");
    long e5 = CrsValues.number(h, "ephemeral5mTokens");
    long e1 = CrsValues.number(h, "ephemeral1hTokens");
    if (e5 + e1 == 0) e5 = create; // older buckets: every cache write was a 5-minute one
    long real = h.containsKey("realCostMicro") ? CrsValues.number(h, "realCostMicro") : CrsValues.micros(h, "realCost");
    long rated = h.containsKey("ratedCostMicro")
        ? CrsValues.number(h, "ratedCostMicro")
        : h.containsKey("cost") ? CrsValues.micros(h, "cost") : real;
    return new CrsCounters(CrsValues.number(h, "requests"), CrsValues.number(h, "inputTokens"),
        CrsValues.number(h, "outputTokens"), e5, e1, CrsValues.number(h, "cacheReadTokens"), real, rated);
  }

  /** The remembered form in the import marks. */
  String encode() {
    return requests + "," + input + "," + output + "," + cache5m + "," + cache1h + "," + cacheRead + "," + realMicros
        + ","
        + ratedMicros;
  }

  static CrsCounters decode(String s) {
    if (s == null || s.isEmpty()) return ZERO;
    String[] p = s.split(",");
    long[] v = new long[8];
    for (int i = 0; i < 8 && i < p.length; i++) v[i] = Long.parseLong(p[i]);
    return new CrsCounters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  }

  CrsCounters plus(CrsCounters o) {
    return new CrsCounters(requests + o.requests, input + o.input, output + o.output, cache5m + o.cache5m,
        cache1h + o.cache1h, cacheRead + o.cacheRead, realMicros + o.realMicros, ratedMicros + o.ratedMicros);
  }

  CrsCounters minus(CrsCounters o) {
    return new CrsCounters(requests - o.requests, input - o.input, output - o.output, cache5m - o.cache5m,
        cache1h - o.cache1h, cacheRead - o.cacheRead, realMicros - o.realMicros, ratedMicros - o.ratedMicros);
  }

  /** Each counter at least zero: a CRS counter never shrinks, so a negative part is rounding or a reset. */
  CrsCounters floorZero() {
    return new CrsCounters(Math.max(0, requests), Math.max(0, input), Math.max(0, output), Math.max(0, cache5m),
        Math.max(0, cache1h), Math.max(0, cacheRead), Math.max(0, realMicros), Math.max(0, ratedMicros));
  }

  boolean isZero() {
    return equals(ZERO);
  }

  TokenUsage tokens() {
    return new TokenUsage(input, output, cache5m, cache1h, cacheRead);
  }
}
