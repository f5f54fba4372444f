package io.clauderelay.redis;

import static io.clauderelay.domain.memory.LedgerEntries.name;

import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.memory.LedgerEntries.Sticky;
import io.clauderelay.domain.memory.LedgerEntries.Window;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How each usage key on Redis maps to a ledger entry ({@link LedgerEntries}) and back. */
final class RedisUsageKeys {
  private static final String KEY = RedisKeys.PREFIX + "{key:";
  private static final String USAGE = RedisKeys.PREFIX + "{usage}:";
  private static final Pattern TOTAL = Pattern.compile("^key:(.+?)(?::(day|month|hour|week):(.+))?$");

  private RedisUsageKeys() {}

  /** Adds the entries of Redis key {@code k} to {@code out}; keys the entries do not carry are skipped. */
  static void read(RedisStateTransfer t, String k, Map<String, Object> out) {
    if (k.startsWith(USAGE)) {
      String rest = k.substring(USAGE.length());
      if (rest.startsWith("day:")) {
        String day = rest.substring(4);
        RedisStateTransfer.scoped(t.hash(k))
            .forEach((scope, v) -> out.put(name(LedgerEntries.DAY, day + '\u0000' + scope), v));
      } else if (rest.startsWith("minute:")) {
        out.put(name(LedgerEntries.MINUTE, rest.substring(7)), RedisStateTransfer.totals(t.hash(k)));
      }
      return;
    }
    if (!k.startsWith(KEY)) return;
    int close = k.indexOf("}:", KEY.length());
    String id = k.substring(KEY.length(), close);
    String rest = k.substring(close + 2);
    if (rest.equals("usage:total")) {
      out.put(name(LedgerEntries.TOTAL, "key:" + id), RedisStateTransfer.totals(t.hash(k)));
    } else if (rest.startsWith("usage:")) {
      String bucket = rest.substring(6); // day:D, month:M, hour:H, week:W
      out.put(name(LedgerEntries.TOTAL, "key:" + id + ":" + bucket), RedisStateTransfer.totals(t.hash(k)));
    } else if (rest.equals("models:total") || rest.startsWith("models:day:")) {
      String outer = rest.equals("models:total") ? id : id + ":" + rest.substring("models:day:".length());
      RedisStateTransfer.scoped(t.hash(k))
          .forEach((model, v) -> out.put(name(LedgerEntries.MODEL, outer + '\u0000' + model), v));
    } else if (rest.startsWith("cost:daily:")) {
      out.put(name(LedgerEntries.COST, "daily:" + id + ":" + rest.substring(11)), Long.parseLong(t.string(k)));
    } else if (rest.equals("cost:total")) {
      out.put(name(LedgerEntries.COST, "total:" + id), Long.parseLong(t.string(k)));
    } else if (rest.startsWith("cost:weekly:")) {
      out.put(name(LedgerEntries.COST, "weekly:" + id + ":" + rest.substring(12)), Long.parseLong(t.string(k)));
    } else if (rest.equals("records")) {
      List<UsageRecord> records = t.records(k);
      if (!records.isEmpty()) out.put(name(LedgerEntries.RECORDS, id), records);
    } else if (rest.equals("meta")) {
      String at = t.hash(k).get("lastUsedAt");
      if (at != null) out.put(name(LedgerEntries.LAST_USED, id), Instant.parse(at));
    } else if (rest.startsWith("sticky:")) {
      Map<String, String> h = t.hash(k);
      if (h.containsKey("account")) {
        out.put(name(LedgerEntries.STICKY, id + '\u0000' + rest.substring(7)),
            new Sticky(h.get("account"), Instant.ofEpochMilli(Long.parseLong(h.get("until")))));
      }
    } else if (rest.equals("window")) {
      Map<String, String> h = t.hash(k);
      if (h.containsKey("start")) {
        out.put(name(LedgerEntries.WINDOW, id), new Window(Instant.ofEpochMilli(Long.parseLong(h.get("start"))),
            (int) num(h, "minutes"), num(h, "requests"), num(h, "tokens"), num(h, "cost")));
      }
    }
  }

  /** The commands that set entry {@code name} on Redis, with the TTL the live scripts give its key. */
  @SuppressWarnings("unchecked")
  static List<Request> write(String entry, Object value, Instant now) {
    String key = LedgerEntries.key(entry);
    return switch (LedgerEntries.kind(entry)) {
      case LedgerEntries.TOTAL -> {
        Matcher m = TOTAL.matcher(key);
        if (!m.matches()) yield List.of(); // "global": all-time totals the Redis store does not keep
        String id = m.group(1);
        if (m.group(2) == null) yield List.of(hset(RedisKeys.usageTotal(id), (UsageTotals) value, ""));
        String b = m.group(3);
        yield switch (m.group(2)) {
          case "day" -> expiring(hset(RedisKeys.usageDay(id, b), (UsageTotals) value, ""), RedisKeys.usageDay(id, b),
              RedisLedger.DAY_TTL);
          case "month" -> expiring(hset(RedisKeys.usageMonth(id, b), (UsageTotals) value, ""),
              RedisKeys.usageMonth(id, b), RedisLedger.MONTH_TTL);
          case "hour" -> expiring(hset(RedisKeys.usageHour(id, b), (UsageTotals) value, ""), RedisKeys.usageHour(id, b),
              RedisLedger.HOUR_TTL);
          default -> expiring(hset(RedisKeys.usageWeek(id, b), (UsageTotals) value, ""), RedisKeys.usageWeek(id, b),
              RedisLedger.WEEK_TTL);
        };
      }
      case LedgerEntries.MODEL -> {
        String outer = key.substring(0, key.indexOf('\u0000'));
        String model = key.substring(key.indexOf('\u0000') + 1);
        int colon = outer.indexOf(':');
        if (colon < 0) yield List.of(hset(RedisKeys.modelsTotal(outer), (UsageTotals) value, ":" + model));
        String k = RedisKeys.modelsDay(outer.substring(0, colon), outer.substring(colon + 1));
        yield expiring(hset(k, (UsageTotals) value, ":" + model), k, RedisLedger.DAY_TTL);
      }
      case LedgerEntries.DAY -> {
        String k = RedisKeys.dayTotals(key.substring(0, key.indexOf('\u0000')));
        yield expiring(hset(k, (UsageTotals) value, ":" + key.substring(key.indexOf('\u0000') + 1)), k,
            RedisLedger.DAY_TTL);
      }
      case LedgerEntries.MINUTE -> {
        String k = RedisKeys.minuteTotals(Long.parseLong(key));
        yield expiring(hset(k, (UsageTotals) value, ""), k, RedisLedger.MINUTE_TTL);
      }
      case LedgerEntries.COST -> cost(key, (Long) value);
      case LedgerEntries.RECORDS -> {
        String k = RedisKeys.records(key);
        Request push = Request.cmd(Command.RPUSH).arg(k);
        ((List<UsageRecord>) value).forEach(r -> push.arg(UsageRecordJson.write(r)));
        yield List.of(Request.cmd(Command.DEL).arg(k), push);
      }
      case LedgerEntries.LAST_USED -> List.of(Request.cmd(Command.HSET).arg(RedisKeys.meta(key))
          .arg("lastUsedMs").arg(((Instant) value).toEpochMilli()).arg("lastUsedAt").arg(value.toString()));
      case LedgerEntries.STICKY -> {
        Sticky s = (Sticky) value;
        String k = RedisKeys.sticky(key.substring(0, key.indexOf('\u0000')), key.substring(key.indexOf('\u0000') + 1));
        long ttl = s.expiresAt().toEpochMilli() - now.toEpochMilli() + RedisLedger.STICKY_GRACE.toMillis();
        yield ttl <= 0
            ? List.of()
            : List.of(Request.cmd(Command.HSET).arg(k).arg("account").arg(s.accountId())
                .arg("until").arg(s.expiresAt().toEpochMilli()), Request.cmd(Command.PEXPIRE).arg(k).arg(ttl));
      }
      case LedgerEntries.WINDOW -> {
        Window w = (Window) value;
        String k = RedisKeys.window(key);
        long ttl = w.start().toEpochMilli() + Duration.ofMinutes(w.minutes()).plus(RedisLedger.WINDOW_GRACE).toMillis()
            - now.toEpochMilli();
        yield ttl <= 0
            ? List.of()
            : List.of(Request.cmd(Command.HSET).arg(k).arg("start").arg(w.start().toEpochMilli())
                .arg("minutes").arg(w.minutes()).arg("requests").arg(w.requests()).arg("tokens").arg(w.tokens())
                .arg("cost").arg(w.costMicros()), Request.cmd(Command.PEXPIRE).arg(k).arg(ttl));
      }
      default -> List.of();
    };
  }

  private static List<Request> cost(String key, long value) {
    if (key.startsWith("total:"))
      return List.of(Request.cmd(Command.SET).arg(RedisKeys.costTotal(key.substring(6))).arg(value));
    boolean daily = key.startsWith("daily:");
    String rest = key.substring(daily ? 6 : 7);
    String id = rest.substring(0, rest.indexOf(':'));
    String bucket = rest.substring(rest.indexOf(':') + 1);
    String k = daily ? RedisKeys.costDaily(id, bucket) : RedisKeys.costWeekly(id, bucket);
    Duration ttl = daily ? RedisLedger.DAILY_COST_TTL : RedisLedger.WEEKLY_COST_TTL;
    return List.of(Request.cmd(Command.SET).arg(k).arg(value).arg("PX").arg(ttl.toMillis()));
  }

  private static Request hset(String key, UsageTotals t, String scope) {
    TokenUsage k = t.tokens();
    long[] values = {t.requests(), k.input(), k.output(), k.cacheWrite5m(), k.cacheWrite1h(), k.cacheRead(),
        t.ratedCostMicros(), t.realCostMicros()};
    Request r = Request.cmd(Command.HSET).arg(key);
    for (int i = 0; i < values.length; i++) r.arg(TotalsFields.METRICS.get(i) + scope).arg(values[i]);
    return r;
  }

  private static List<Request> expiring(Request set, String key, Duration ttl) {
    return List.of(set, Request.cmd(Command.PEXPIRE).arg(key).arg(ttl.toMillis()));
  }

  private static long num(Map<String, String> h, String f) {
    String v = h.get(f);
    return v == null ? 0 : Long.parseLong(v);
  }
}
