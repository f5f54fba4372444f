package io.clauderelay.redis;

import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Redis replies the same way whether the connection speaks RESP2 (flat arrays) or RESP3 (maps). */
final class Replies {
  private Replies() {}

  /** A HGETALL reply as a map; empty for a missing key. */
  static Map<String, String> hash(Response r) {
    Map<String, String> m = new LinkedHashMap<>();
    if (r == null) return m;
    if (r.isMap()) {
      for (String k : r.getKeys()) m.put(k, r.get(k).toString());
    } else {
      for (int i = 0; i + 1 < r.size(); i += 2) m.put(r.get(i).toString(), r.get(i + 1).toString());
    }
    return m;
  }

  static long asLong(Response r) {
    return r == null ? 0 : Long.parseLong(r.toString());
  }

  static String asString(Response r) {
    return r == null ? null : r.toString();
  }
}
