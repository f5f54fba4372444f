package io.clauderelay.redis;

import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How the previous schema (up to 771c5b1) settled a request: its settle.lua and day_totals.lua
 * (test resources {@code /lua-v1/}) with its argument layout, two markers per request and every
 * aggregate written per request. Only for writing old data in migration tests.
 */
final class LegacySchemaV1 {
  private static final LuaScript SETTLE = LuaScript.fromResource("settle_v1", "/lua-v1/settle.lua");
  private static final LuaScript DAY_TOTALS = LuaScript.fromResource("day_totals_v1", "/lua-v1/day_totals.lua");
  private static final Duration MARKER_TTL = Duration.ofDays(1);

  private final RedisCommands redis;

  LegacySchemaV1(RedisCommands redis) {
    this.redis = redis;
  }

  /** The old two-script settlement batch; true when written. */
  boolean settle(UsageSettlement s) {
    UsageRecord r = s.record();
    String k = r.keyId();
    UsageBuckets b = s.buckets();
    String nonce = UUID.randomUUID().toString();
    List<String> keys = new ArrayList<>(List.of(RedisKeys.settled(k, r.requestId()), RedisKeys.lease(k),
        RedisKeys.reserve(k), RedisKeys.usageTotal(k), RedisKeys.usageDay(k, b.day()),
        RedisKeys.usageMonth(k, b.month()), RedisKeys.usageHour(k, b.hour()), RedisKeys.usageWeek(k, b.week()),
        RedisKeys.modelsTotal(k), RedisKeys.modelsDay(k, b.day()), RedisKeys.costDaily(k, b.day()),
        RedisKeys.costTotal(k), RedisKeys.costWeekly(k, b.week()), RedisKeys.window(k), RedisKeys.records(k),
        RedisKeys.meta(k)));
    List<String> increments = TotalsFields.increments(r);
    List<String> args = new ArrayList<>();
    args.add(s.leaseId() == null ? "" : s.leaseId());
    args.add(ms(MARKER_TTL));
    args.addAll(increments);
    args.add(r.model());
    args.add(s.countsTowardWeekly() ? "1" : "0");
    args.add(Long.toString(r.at().toEpochMilli()));
    args.add(r.at().toString());
    args.add(UsageRecordJson.write(r));
    args.add(Integer.toString(RedisLedger.RECORDS_KEPT));
    args.add(Long.toString(r.tokens().total()));
    args.addAll(List.of(ms(RedisLedger.DAY_TTL), ms(RedisLedger.HOUR_TTL), ms(RedisLedger.WEEK_TTL),
        ms(RedisLedger.MONTH_TTL), ms(RedisLedger.DAILY_COST_TTL), ms(RedisLedger.WEEKLY_COST_TTL)));
    args.add(nonce);
    StickyBinding sticky = s.sticky();
    if (sticky != null) {
      keys.add(RedisKeys.sticky(k, sticky.sessionId()));
      args.add(sticky.isForget() ? "" : sticky.accountId());
      args.add(sticky.isForget() ? "0" : Long.toString(r.at().plus(sticky.ttl()).toEpochMilli()));
      args.add(sticky.isForget() ? "0" : ms(sticky.ttl().plus(RedisLedger.STICKY_GRACE)));
    }
    List<String> dayArgs = new ArrayList<>(List.of(ms(RedisLedger.DAY_TTL), ms(MARKER_TTL), nonce));
    dayArgs.addAll(increments);
    dayArgs.add(ms(RedisLedger.MINUTE_TTL));
    dayArgs.add("global");
    if (!r.accountId().isEmpty()) dayArgs.add("account:" + r.accountId());
    dayArgs.add("model:" + r.model());
    RedisCommands.ScriptCall key = new RedisCommands.ScriptCall(SETTLE, keys, args);
    RedisCommands.ScriptCall day = new RedisCommands.ScriptCall(DAY_TOTALS,
        List.of(RedisKeys.dayTotals(b.day()), RedisKeys.dayTotalsCounted(r.requestId()),
            RedisKeys.minuteTotals(UsageLedger.epochMinute(r.at()))),
        dayArgs);
    return redis.evalBatch(bySha -> List.of(key.request(bySha), day.request(bySha))).toCompletableFuture().join()
        .get(0).toLong() == 1;
  }

  private static String ms(Duration d) {
    return Long.toString(d.toMillis());
  }
}
