package io.clauderelay.server.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this node holds right now, by owner (a relay key or an account): added when a slot is
 * taken, removed when it is released or settled, read by the renewal loop. Safe across event loops.
 */
final class LiveLeases {
  private final ConcurrentHashMap<String, Set<String>> byOwner = new ConcurrentHashMap<>();

  void add(String owner, String leaseId) {
    byOwner.compute(owner, (k, ids) -> {
      Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
      set.add(leaseId);
      return set;
    });
  }

  void remove(String owner, String leaseId) {
    byOwner.computeIfPresent(owner, (k, ids) -> {
      ids.remove(leaseId);
      return ids.isEmpty() ? null : ids;
    });
  }

  /** A copy to renew from; leases released meanwhile are simply not renewed by the store. */
  Map<String, List<String>> snapshot() {
    Map<String, List<String>> copy = new HashMap<>();
    byOwner.forEach((owner, ids) -> {
      List<String> list = new ArrayList<>(ids);
      if (!list.isEmpty()) copy.put(owner, list);
    });
    return copy;
  }

  int size() {
    int n = 0;
    for (Set<String> ids : byOwner.values()) n += ids.size();
    return n;
  }
}
