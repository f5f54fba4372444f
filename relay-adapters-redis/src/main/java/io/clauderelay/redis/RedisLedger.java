package io.clauderelay.redis;

import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.admission.AdmissionRule;
import io.clauderelay.domain.admission.LimitCounters;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Admission and usage on Redis. Admission is one script, one round trip: purge expired leases, read
 * the counters, decide as {@link AdmissionRule} does, reserve, and read (renewing) the session's
 * sticky account. Settlement is one script in the key's own slot, one round trip: settle-once by
 * request id, then the cost counters, window, record and sticky session. The aggregates (usage,
 * models, last use, day and minute totals) go to the node's {@link PendingTotals} on a "written"
 * answer, flushed in batches and before every read of them.
 */
public final class RedisLedger implements AdmissionStore, UsageLedger {
  static final int RECORDS_KEPT = 200;

  private static final LuaScript ADMIT = LuaScript.load("admit");
  private static final LuaScript RELEASE = LuaScript.load("release");
  private static final LuaScript SETTLE = LuaScript.load("settle");

  // Safety-net TTLs: the scripts decide by the request's time; these only bound what Redis keeps.
  static final Duration LEASE_GRACE = Duration.ofSeconds(30);
  static final Duration MIN_LEASE_KEY_TTL = Duration.ofSeconds(60);
  static final Duration WINDOW_GRACE = Duration.ofMinutes(1);
  /*
   * A replay comes from a node's settlement journal within seconds of Redis answering again; a day
   * covers any outage a node's in-memory journal would sit through. One marker per request, a
   * 20-byte field of the key's hour bucket (~66 bytes of Redis memory), kept a day after the hour's
   * last settlement.
   */
  static final Duration SETTLED_MARKER_TTL = Duration.ofDays(1).plusHours(1);
  static final Duration DAY_TTL = Duration.ofDays(400);
  /** A minute bucket outlives what {@link #minuteTotals} reads by an hour (nodes' clocks, late settlements). */
  static final Duration MINUTE_TTL = Duration.ofMinutes(MINUTES_KEPT + 60);
  static final Duration HOUR_TTL = Duration.ofDays(8);
  static final Duration WEEK_TTL = Duration.ofDays(100);
  static final Duration MONTH_TTL = Duration.ofDays(800);
  static final Duration DAILY_COST_TTL = Duration.ofDays(8);
  static final Duration WEEKLY_COST_TTL = Duration.ofDays(15);
  /** A sticky session's key outlives its expiry by this much; the scripts judge by the request's time. */
  static final Duration STICKY_GRACE = Duration.ofMinutes(1);

  /** Nonces of settlements whose answer never came: a replay of one reuses it, so a write that did land still answers "written". */
  private static final int UNANSWERED_KEPT = 10_000;

  private final RedisCommands redis;
  private final PendingTotals pending;
  /*
   * A record from before this ledger existed may have been settled by the previous schema (one
   * STRING marker per request id, kept a day); only such a record pays the EXISTS. A node's own
   * records are all later (their journal does not outlive the process).
   */
  private final Instant legacyBefore = Instant.now();
  private final Map<UsageSettlement, String> unanswered = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UsageSettlement, String> eldest) {
      return size() > UNANSWERED_KEPT;
    }
  };

  /** A ledger with its own pending aggregates, flushed before every read (tests, tools). */
  public RedisLedger(RedisCommands redis) {
    this(redis, new PendingTotals(redis));
  }

  /** A ledger adding to the node's pending aggregates, which {@link RedisStores} flushes on a timer. */
  RedisLedger(RedisCommands redis, PendingTotals pending) {
    this.redis = redis;
    this.pending = pending;
  }

  /** The node's pending aggregates (flushed by the caller's timer and before reads). */
  public PendingTotals pending() {
    return pending;
  }

  @Override
  public CompletionStage<AdmissionResult> admit(AdmissionRequest req) {
    KeyLimits l = req.limits();
    String k = req.keyId();
    long leaseKeyTtl = Math.max(req.leaseTtl().plus(LEASE_GRACE).toMillis(), MIN_LEASE_KEY_TTL.toMillis());
    long windowKeyTtl = Duration.ofMinutes(l.windowMinutes()).plus(WINDOW_GRACE).toMillis();
    List<String> keys = new ArrayList<>(List.of(RedisKeys.lease(k), RedisKeys.reserve(k), RedisKeys.window(k),
        RedisKeys.costDaily(k, req.day()), RedisKeys.costTotal(k), RedisKeys.costWeekly(k, req.week())));
    List<String> args = new ArrayList<>(List.of(
        Long.toString(req.now().toEpochMilli()), req.leaseId(),
        Long.toString(req.now().plus(req.leaseTtl()).toEpochMilli()), Long.toString(req.costReserveMicros()),
        Integer.toString(l.concurrency()), Integer.toString(l.windowMinutes()), Long.toString(l.windowRequests()),
        Long.toString(l.windowTokens()), Long.toString(l.windowCostMicros()), Long.toString(l.dailyCostMicros()),
        Long.toString(l.totalCostMicros()), Long.toString(l.weeklyCostMicros()), req.claudeModel() ? "1" : "0",
        Long.toString(leaseKeyTtl), Long.toString(windowKeyTtl), millis(LEASE_GRACE)));
    if (req.sessionId() != null) {
      keys.add(RedisKeys.sticky(k, req.sessionId()));
      args.add(millis(req.stickyTtl()));
      args.add(millis(STICKY_GRACE));
    }
    return redis.eval(ADMIT, keys, args).thenApply(r -> {
      if (r.get(0).toLong() == 1) {
        String sticky = r.size() > 10 ? Replies.asString(r.get(10)) : null;
        return new AdmissionResult.Admitted(req.leaseId(), sticky == null || sticky.isEmpty() ? null : sticky);
      }
      long start = r.get(3).toLong();
      LimitCounters counters = new LimitCounters(r.get(1).toInteger(), r.get(2).toLong(),
          start < 0 ? null : Instant.ofEpochMilli(start), r.get(4).toLong(), r.get(5).toLong(), r.get(6).toLong(),
          r.get(7).toLong(), r.get(8).toLong(), r.get(9).toLong());
      // One source of refusal messages: the rule, fed the counters the script decided on.
      Failure failure = AdmissionRule.decide(req, counters).orElseThrow(() -> new IllegalStateException(
          "admission script refused " + k + " but the rule admits with " + counters));
      return new AdmissionResult.Rejected(failure);
    });
  }

  @Override
  public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    List<String> keys = forgetSessionId == null
        ? List.of(RedisKeys.lease(keyId), RedisKeys.reserve(keyId))
        : List.of(RedisKeys.lease(keyId), RedisKeys.reserve(keyId), RedisKeys.sticky(keyId, forgetSessionId));
    return redis.eval(RELEASE, keys, List.of(leaseId == null ? "" : leaseId)).thenApply(r -> null);
  }

  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leaseIdsByKey, Instant now,
      Duration ttl) {
    Duration keyTtl = Duration.ofMillis(Math.max(ttl.plus(LEASE_GRACE).toMillis(), MIN_LEASE_KEY_TTL.toMillis()));
    return LeaseRenewals.renew(redis, leaseIdsByKey, now, ttl, keyTtl,
        k -> List.of(RedisKeys.lease(k), RedisKeys.reserve(k)));
  }

  @Override
  public CompletionStage<Boolean> settle(UsageSettlement s) {
    UsageRecord r = s.record();
    String k = r.keyId();
    UsageBuckets b = s.buckets();
    String nonce;
    synchronized (unanswered) {
      nonce = unanswered.remove(s);
    }
    // Identifies this call: a resend (NOSCRIPT) or replay (lost answer) finds its own nonce: "written".
    String settledBy = nonce != null ? nonce : SettleMarks.nonce();
    List<String> keys = new ArrayList<>(List.of(RedisKeys.settledMarks(k, SettleMarks.hour(r.at())),
        RedisKeys.lease(k), RedisKeys.reserve(k), RedisKeys.costDaily(k, b.day()), RedisKeys.costTotal(k),
        RedisKeys.costWeekly(k, b.week()), RedisKeys.window(k), RedisKeys.records(k),
        RedisKeys.settled(k, r.requestId())));
    List<String> args = new ArrayList<>(List.of(s.leaseId() == null ? "" : s.leaseId(),
        SettleMarks.fingerprint(r.requestId()), settledBy, Long.toString(r.ratedCostMicros()),
        s.countsTowardWeekly() ? "1" : "0", Long.toString(r.at().toEpochMilli()),
        Long.toString(r.tokens().total()), UsageRecordJson.write(r), Integer.toString(RECORDS_KEPT),
        millis(DAILY_COST_TTL), millis(WEEKLY_COST_TTL), r.at().isBefore(legacyBefore) ? "1" : "0"));
    StickyBinding sticky = s.sticky();
    if (sticky != null) {
      keys.add(RedisKeys.sticky(k, sticky.sessionId()));
      args.add(sticky.isForget() ? "" : sticky.accountId());
      args.add(sticky.isForget() ? "0" : Long.toString(r.at().plus(sticky.ttl()).toEpochMilli()));
      args.add(sticky.isForget() ? "0" : millis(sticky.ttl().plus(STICKY_GRACE)));
    }
    return pending.track(redis.eval(SETTLE, keys, args).toCompletableFuture().handle((reply, err) -> {
      if (err != null) {
        synchronized (unanswered) {
          unanswered.put(s, settledBy);
        }
        throw err instanceof CompletionException c ? c : new CompletionException(err);
      }
      boolean written = Replies.asLong(reply) == 1;
      if (written) pending.add(s, SettleMarks.hour(r.at()));
      return written;
    }));
  }

  @Override
  public CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets b, int windowMinutes, Instant now) {
    long nowMs = now.toEpochMilli();
    return flushed().thenCompose(f -> redis.batch(() -> List.of(
        Request.cmd(Command.HGETALL).arg(RedisKeys.usageTotal(keyId)),
        Request.cmd(Command.HGETALL).arg(RedisKeys.usageDay(keyId, b.day())),
        Request.cmd(Command.HGETALL).arg(RedisKeys.usageMonth(keyId, b.month())),
        Request.cmd(Command.HMGET).arg(RedisKeys.window(keyId)).arg("start").arg("minutes").arg("requests")
            .arg("tokens").arg("cost"),
        Request.cmd(Command.GET).arg(RedisKeys.costDaily(keyId, b.day())),
        Request.cmd(Command.GET).arg(RedisKeys.costTotal(keyId)),
        Request.cmd(Command.GET).arg(RedisKeys.costWeekly(keyId, b.week())),
        Request.cmd(Command.ZCOUNT).arg(RedisKeys.lease(keyId)).arg("(" + nowMs).arg("+inf"),
        Request.cmd(Command.HGET).arg(RedisKeys.meta(keyId)).arg("lastUsedAt")))
        .thenApply(rs -> {
          Response w = rs.get(3);
          String start = Replies.asString(w.get(0));
          String minutes = Replies.asString(w.get(1));
          // As in the embedded store: open by the length stored at its last admission, the key's current one.
          boolean open = start != null && minutes != null
              && nowMs < Long.parseLong(start) + Long.parseLong(minutes) * 60_000;
          String last = Replies.asString(rs.get(8));
          return new KeyUsage(
              TotalsFields.totals(Replies.hash(rs.get(0))),
              TotalsFields.totals(Replies.hash(rs.get(1))),
              TotalsFields.totals(Replies.hash(rs.get(2))),
              open ? Instant.ofEpochMilli(Long.parseLong(start)) : null,
              open ? Replies.asLong(w.get(2)) : 0,
              open ? Replies.asLong(w.get(3)) : 0,
              open ? Replies.asLong(w.get(4)) : 0,
              Replies.asLong(rs.get(4)),
              Replies.asLong(rs.get(5)),
              Replies.asLong(rs.get(6)),
              (int) Replies.asLong(rs.get(7)),
              last == null ? null : Instant.parse(last));
        }));
  }

  @Override
  public CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit) {
    if (limit <= 0) return CompletableFuture.completedFuture(List.of());
    // The list may hold up to 32 records past those kept (settle.lua trims in steps).
    int n = Math.min(limit, RECORDS_KEPT);
    return redis.send(Request.cmd(Command.LRANGE).arg(RedisKeys.records(keyId)).arg(0).arg(n - 1))
        .thenApply(r -> {
          List<UsageRecord> out = new ArrayList<>();
          if (r != null) for (Response json : r) out.add(UsageRecordJson.read(json.toString()));
          return out;
        });
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day) {
    String key = day == null ? RedisKeys.modelsTotal(keyId) : RedisKeys.modelsDay(keyId, day);
    return flushed().thenCompose(f -> redis.send(Request.cmd(Command.HGETALL).arg(key)))
        .thenApply(r -> TotalsFields.scoped(Replies.hash(r)));
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> dailyTotals(String day) {
    return flushed().thenCompose(f -> redis.send(Request.cmd(Command.HGETALL).arg(RedisKeys.dayTotals(day))))
        .thenApply(r -> TotalsFields.scoped(Replies.hash(r)));
  }

  /** One pipelined batch of HGETALL, one per minute (one round trip). */
  @Override
  public CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    if (minutes < 1 || minutes > MINUTES_KEPT) throw new IllegalArgumentException("minutes must be 1.." + MINUTES_KEPT);
    long first = UsageLedger.epochMinute(end) - minutes + 1;
    return flushed().thenCompose(f -> redis.batch(() -> {
      List<Request> reads = new ArrayList<>(minutes);
      for (long m = first; m < first + minutes; m++)
        reads.add(Request.cmd(Command.HGETALL).arg(RedisKeys.minuteTotals(m)));
      return reads;
    })).thenApply(rs -> {
      List<UsageTotals> out = new ArrayList<>(minutes);
      for (Response r : rs) out.add(TotalsFields.totals(Replies.hash(r)));
      return out;
    });
  }

  /**
   * This node's pending aggregates flushed, so a read sees its own settlements. A flush that failed
   * stays pending (sent again by the next one) and the read goes ahead: it only lacks those.
   */
  private CompletionStage<Void> flushed() {
    return pending.flush().handle((v, e) -> null);
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
