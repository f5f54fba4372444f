package io.clauderelay.domain.memory;

import io.clauderelay.domain.account.ClaudePlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The durable part of an {@link InMemoryAccountStateStore} as flat named entries (see {@link
 * LedgerEntries} for the naming): each account's last use, cool-downs, window status and plan, and
 * (an account's served cost per day lives in the ledger's day totals). Concurrency leases are left out: they die with the process.
 */
public final class AccountStateEntries {
  public static final String STATE = "state", COST = "cost";

  /** What is kept of one account's runtime; {@code familyCoolingUntil} is an unmodifiable copy. */
  public record Kept(Instant lastUsedAt, Instant coolingUntil, String coolingReason,
      Map<String, Instant> familyCoolingUntil, String windowStatus, ClaudePlan plan) {
    public Kept {
      familyCoolingUntil = Map.copyOf(familyCoolingUntil);
    }
  }

  private AccountStateEntries() {}

  public static Map<String, Object> snapshot(InMemoryAccountStateStore store) {
    synchronized (store) {
      Map<String, Object> out = new HashMap<>();
      store.states.forEach((id, s) -> out.put(LedgerEntries.name(STATE, id),
          new Kept(s.lastUsedAt, s.coolingUntil, s.coolingReason, s.familyCoolingUntil, s.windowStatus, s.plan)));
      return out;
    }
  }

  public static void put(InMemoryAccountStateStore store, String name, Object value) {
    String key = LedgerEntries.key(name);
    synchronized (store) {
      switch (LedgerEntries.kind(name)) {
        case STATE -> {
          Kept k = (Kept) value;
          InMemoryAccountStateStore.State s = store.states.computeIfAbsent(key,
              x -> new InMemoryAccountStateStore.State());
          s.lastUsedAt = k.lastUsedAt();
          s.coolingUntil = k.coolingUntil();
          s.coolingReason = k.coolingReason();
          s.familyCoolingUntil.clear();
          s.familyCoolingUntil.putAll(new HashMap<>(k.familyCoolingUntil()));
          s.windowStatus = k.windowStatus();
          s.plan = k.plan() == null ? ClaudePlan.UNKNOWN : k.plan();
        }
        // Written by stores before the account's day cost moved into the ledger's day totals: those
        // totals carry it now, so an old entry is read and dropped.
        case COST -> {
        }
        default -> throw new IllegalArgumentException("unknown account state entry kind: " + LedgerEntries.kind(name));
      }
    }
  }

  public static void remove(InMemoryAccountStateStore store, String name) {
    String key = LedgerEntries.key(name);
    synchronized (store) {
      if (LedgerEntries.kind(name).equals(STATE)) store.states.remove(key);
    }
  }
}
