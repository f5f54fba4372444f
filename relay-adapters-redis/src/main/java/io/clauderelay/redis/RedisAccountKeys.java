package io.clauderelay.redis;

import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.AccountStateEntries.Kept;
import io.clauderelay.domain.memory.LedgerEntries;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How each account runtime key on Redis maps to an account state entry ({@link AccountStateEntries}) and back. */
final class RedisAccountKeys {
  private static final String ACCT = RedisKeys.PREFIX + "{acct:";

  private RedisAccountKeys() {}

  static void read(RedisStateTransfer t, String k, Map<String, Kept> kept, Map<String, Object> out) {
    int close = k.indexOf("}:", ACCT.length());
    String id = k.substring(ACCT.length(), close);
    String rest = k.substring(close + 2);
    Kept was = kept.getOrDefault(id, new Kept(null, null, null, Map.of(), null, ClaudePlan.UNKNOWN));
    switch (rest) {
      case "last-used" -> kept.put(id, new Kept(Instant.ofEpochMilli(Long.parseLong(t.string(k))), was.coolingUntil(),
          was.coolingReason(), was.familyCoolingUntil(), was.windowStatus(), was.plan()));
      case "cooldown" -> {
        Map<String, String> h = t.hash(k);
        if (h.containsKey("until")) {
          kept.put(id,
              new Kept(was.lastUsedAt(), Instant.ofEpochMilli(Long.parseLong(h.get("until"))),
                  h.getOrDefault("reason", ""),
                  was.familyCoolingUntil(), was.windowStatus(), was.plan()));
        }
      }
      case "upstream" -> {
        Map<String, Instant> families = new HashMap<>();
        String status = null;
        ClaudePlan plan = ClaudePlan.UNKNOWN;
        for (Map.Entry<String, String> e : t.hash(k).entrySet()) {
          if (e.getKey().startsWith("family:"))
            families.put(e.getKey().substring(7), Instant.ofEpochMilli(Long.parseLong(e.getValue())));
          else
            if (e.getKey().equals("5h-status")) status = e.getValue();
            else if (e.getKey().equals("plan")) plan = ClaudePlan.parse(e.getValue());
        }
        kept.put(id, new Kept(was.lastUsedAt(), was.coolingUntil(), was.coolingReason(), families, status, plan));
      }
      default -> {
        // cost:daily:<day> keys of earlier versions are not carried: the day totals hold the account's cost.
      }
    }
  }

  static List<Request> write(String entry, Object value, Instant now) {
    String key = LedgerEntries.key(entry);
    List<Request> out = new ArrayList<>();
    if (LedgerEntries.kind(entry).equals(AccountStateEntries.COST)) return out; // old documents: see read
    Kept k = (Kept) value;
    if (k.lastUsedAt() != null) {
      out.add(Request.cmd(Command.SET).arg(RedisKeys.accountLastUsed(key)).arg(k.lastUsedAt().toEpochMilli())
          .arg("PX").arg(RedisAccountStateStore.LAST_USED_TTL.toMillis()));
    }
    if (k.coolingUntil() != null && k.coolingUntil().isAfter(now)) {
      String c = RedisKeys.accountCoolDown(key);
      out.add(Request.cmd(Command.HSET).arg(c).arg("until").arg(k.coolingUntil().toEpochMilli())
          .arg("reason").arg(k.coolingReason() == null ? "" : k.coolingReason()));
      out.add(Request.cmd(Command.PEXPIREAT).arg(c)
          .arg(k.coolingUntil().toEpochMilli() + RedisAccountStateStore.COOL_DOWN_GRACE.toMillis()));
    }
    String u = RedisKeys.accountUpstream(key);
    k.familyCoolingUntil()
        .forEach((f, until) -> out.add(Request.cmd(Command.HSET).arg(u).arg("family:" + f).arg(until.toEpochMilli())));
    if (k.windowStatus() != null) out.add(Request.cmd(Command.HSET).arg(u).arg("5h-status").arg(k.windowStatus()));
    if (k.plan() != null && k.plan() != ClaudePlan.UNKNOWN)
      out.add(Request.cmd(Command.HSET).arg(u).arg("plan").arg(k.plan().id()));
    return out;
  }
}
