package io.clauderelay.domain.memory;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.admission.AdmissionRule;
import io.clauderelay.domain.admission.LimitCounters;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded admission and usage store. One monitor makes each admission and settlement atomic,
 * which is what the Redis scripts achieve across nodes. Sticky sessions live here too, per key:
 * admission reads and renews them, settlement binds, release (or settlement) forgets.
 */
public final class InMemoryLedger implements AdmissionStore, UsageLedger {
  static final int RECORDS_KEPT = 200;
  /*
   * Request ids already settled, for idempotent replays. A replay comes from the settlement journal
   * within seconds, so 100,000 ids (13 s at 7,500 req/s) is ample. As fingerprints in flat arrays
   * they take 2.6 MB and cost the collector nothing ({@link RecentIds}); as a map of strings 500,000
   * held about 55 MB, and even 100,000 tripled every young pause.
   */
  private static final int SETTLED_IDS_KEPT = 100_000;

  private record Lease(Instant expiresAt, long reservedMicros) {}

  record Binding(String accountId, Instant expiresAt) {}

  static final class Window {
    Instant start;
    int minutes;
    long requests, tokens, costMicros;
  }

  private final Map<String, Map<String, Lease>> leases = new HashMap<>();
  final Map<String, Window> windows = new HashMap<>();
  final Map<String, Long> costCounters = new HashMap<>();
  final Map<String, UsageTotals> totals = new HashMap<>();
  final Map<String, Map<String, UsageTotals>> modelTotals = new HashMap<>();
  final Map<String, Map<String, UsageTotals>> dayTotals = new HashMap<>();
  /** Global totals by epoch minute; pruned an hour past what {@link #minuteTotals} answers, as Redis's TTL does. */
  final TreeMap<Long, UsageTotals> minuteTotals = new TreeMap<>();
  final Map<String, Deque<UsageRecord>> records = new HashMap<>();
  final Map<String, Instant> lastUsed = new HashMap<>();
  /** Sticky sessions by key id + NUL + session id. */
  final Map<String, Binding> sticky = new HashMap<>();
  private final RecentIds settled = new RecentIds(SETTLED_IDS_KEPT);

  @Override
  public synchronized CompletionStage<AdmissionResult> admit(AdmissionRequest req) {
    Map<String, Lease> held = liveLeases(req.keyId(), req.now());
    Window w = windows.get(req.keyId());
    LimitCounters counters = new LimitCounters(
        held.size(),
        held.values().stream().mapToLong(Lease::reservedMicros).sum(),
        w == null ? null : w.start,
        w == null ? 0 : w.requests,
        w == null ? 0 : w.tokens,
        w == null ? 0 : w.costMicros,
        counter("daily:" + req.keyId() + ":" + req.day()),
        counter("total:" + req.keyId()),
        counter("weekly:" + req.keyId() + ":" + req.week()));
    Optional<Failure> refusal = AdmissionRule.decide(req, counters);
    if (refusal.isPresent()) return done(new AdmissionResult.Rejected(refusal.get()));

    if (req.limits().hasWindow()) {
      // Open or closed by the length the rule just decided with: judged by the length it was opened
      // with, a window the operator shortened would stay open with counters the rule ignores.
      if (w == null || !AdmissionRule.windowOpen(w.start, req.limits().windowMinutes(), req.now())) {
        w = new Window();
        w.start = req.now();
        windows.put(req.keyId(), w);
      }
      w.minutes = req.limits().windowMinutes();
      w.requests++;
    }
    held.put(req.leaseId(), new Lease(req.now().plus(req.leaseTtl()), req.costReserveMicros()));
    return done(new AdmissionResult.Admitted(req.leaseId(), renewSticky(req)));
  }

  /** The session's live binding, its expiry moved to now + ttl (never earlier than it was). */
  private String renewSticky(AdmissionRequest req) {
    if (req.sessionId() == null) return null;
    String id = stickyId(req.keyId(), req.sessionId());
    Binding b = sticky.get(id);
    if (b == null) return null;
    if (!req.now().isBefore(b.expiresAt())) {
      sticky.remove(id);
      return null;
    }
    Instant renewed = req.now().plus(req.stickyTtl());
    if (renewed.isAfter(b.expiresAt())) sticky.put(id, new Binding(b.accountId(), renewed));
    return b.accountId();
  }

  @Override
  public synchronized CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    Map<String, Lease> held = leases.get(keyId);
    if (held != null) held.remove(leaseId);
    if (forgetSessionId != null) sticky.remove(stickyId(keyId, forgetSessionId));
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leaseIdsByKey,
      Instant now,
      Duration ttl) {
    int renewed = 0;
    Instant until = now.plus(ttl);
    for (Map.Entry<String, ? extends Collection<String>> e : leaseIdsByKey.entrySet()) {
      Map<String, Lease> held = leases.get(e.getKey());
      if (held == null) continue;
      for (String id : e.getValue()) {
        Lease l = held.get(id);
        if (l == null || !now.isBefore(l.expiresAt())) continue;
        if (until.isAfter(l.expiresAt())) held.put(id, new Lease(until, l.reservedMicros()));
        renewed++;
      }
    }
    return done(renewed);
  }

  @Override
  public synchronized CompletionStage<Boolean> settle(UsageSettlement s) {
    UsageRecord r = s.record();
    if (s.leaseId() != null) release(r.keyId(), s.leaseId(), null);
    if (!settled.add(r.requestId())) return done(false);

    String k = r.keyId();
    UsageBuckets b = s.buckets();
    add("key:" + k, r);
    add("key:" + k + ":day:" + b.day(), r);
    add("key:" + k + ":month:" + b.month(), r);
    add("key:" + k + ":hour:" + b.hour(), r);
    add("key:" + k + ":week:" + b.week(), r);
    add("global", r);
    modelTotals.computeIfAbsent(k, x -> new TreeMap<>()).merge(r.model(), UsageTotals.EMPTY.plus(r),
        (a, x) -> a.plus(r));
    modelTotals.computeIfAbsent(k + ":" + b.day(), x -> new TreeMap<>()).merge(r.model(), UsageTotals.EMPTY.plus(r),
        (a, x) -> a.plus(r));
    Map<String, UsageTotals> day = dayTotals.computeIfAbsent(b.day(), x -> new TreeMap<>());
    day.merge("global", UsageTotals.EMPTY.plus(r), (a, x) -> a.plus(r));
    if (!r.accountId().isEmpty()) day.merge("account:" + r.accountId(), UsageTotals.EMPTY.plus(r), (a, x) -> a.plus(r));
    day.merge("model:" + r.model(), UsageTotals.EMPTY.plus(r), (a, x) -> a.plus(r));
    minuteTotals.merge(UsageLedger.epochMinute(r.at()), UsageTotals.EMPTY.plus(r), (a, x) -> a.plus(r));
    minuteTotals.headMap(minuteTotals.lastKey() - MINUTES_KEPT - 60).clear();

    costCounters.merge("daily:" + k + ":" + b.day(), r.ratedCostMicros(), Long::sum);
    costCounters.merge("total:" + k, r.ratedCostMicros(), Long::sum);
    if (s.countsTowardWeekly()) costCounters.merge("weekly:" + k + ":" + b.week(), r.ratedCostMicros(), Long::sum);

    Window w = windows.get(k);
    if (w != null && AdmissionRule.windowOpen(w.start, w.minutes, r.at())) {
      w.tokens += r.tokens().total();
      w.costMicros += r.ratedCostMicros();
    }
    Deque<UsageRecord> list = records.computeIfAbsent(k, x -> new ArrayDeque<>());
    list.addFirst(r);
    while (list.size() > RECORDS_KEPT) list.removeLast();
    lastUsed.merge(k, r.at(), (a, x) -> a.isAfter(x) ? a : x);
    if (s.sticky() != null) {
      String id = stickyId(k, s.sticky().sessionId());
      if (s.sticky().isForget()) sticky.remove(id);
      else sticky.put(id, new Binding(s.sticky().accountId(), r.at().plus(s.sticky().ttl())));
    }
    return done(true);
  }

  @Override
  public synchronized CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets b, int windowMinutes, Instant now) {
    Window w = windows.get(keyId);
    boolean open = w != null && AdmissionRule.windowOpen(w.start, w.minutes, now);
    return done(new KeyUsage(
        totals.getOrDefault("key:" + keyId, UsageTotals.EMPTY),
        totals.getOrDefault("key:" + keyId + ":day:" + b.day(), UsageTotals.EMPTY),
        totals.getOrDefault("key:" + keyId + ":month:" + b.month(), UsageTotals.EMPTY),
        open ? w.start : null,
        open ? w.requests : 0,
        open ? w.tokens : 0,
        open ? w.costMicros : 0,
        counter("daily:" + keyId + ":" + b.day()),
        counter("total:" + keyId),
        counter("weekly:" + keyId + ":" + b.week()),
        liveLeases(keyId, now).size(),
        lastUsed.get(keyId)));
  }

  @Override
  public synchronized CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit) {
    Deque<UsageRecord> list = records.getOrDefault(keyId, new ArrayDeque<>());
    return done(new ArrayList<>(list).subList(0, Math.min(Math.max(limit, 0), list.size())));
  }

  @Override
  public synchronized CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day) {
    Map<String, UsageTotals> m = modelTotals.get(day == null ? keyId : keyId + ":" + day);
    return done(m == null ? Map.of() : new TreeMap<>(m));
  }

  @Override
  public synchronized CompletionStage<Map<String, UsageTotals>> dailyTotals(String day) {
    Map<String, UsageTotals> m = dayTotals.get(day);
    return done(m == null ? Map.of() : new TreeMap<>(m));
  }

  /** List-price cost the account served on {@code day}, as settled once per request id (its dailyQuota). */
  public synchronized long accountDayCost(String accountId, String day) {
    Map<String, UsageTotals> m = dayTotals.get(day);
    UsageTotals t = m == null ? null : m.get("account:" + accountId);
    return t == null ? 0 : t.realCostMicros();
  }

  @Override
  public synchronized CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    if (minutes < 1 || minutes > MINUTES_KEPT) throw new IllegalArgumentException("minutes must be 1.." + MINUTES_KEPT);
    long last = UsageLedger.epochMinute(end);
    List<UsageTotals> out = new ArrayList<>(minutes);
    for (long m = last - minutes + 1; m <= last; m++) out.add(minuteTotals.getOrDefault(m, UsageTotals.EMPTY));
    return done(out);
  }

  /** Leases of a key still alive at {@code now}; expired ones are dropped (a crashed request's slot). */
  private Map<String, Lease> liveLeases(String keyId, Instant now) {
    Map<String, Lease> held = leases.computeIfAbsent(keyId, x -> new HashMap<>());
    held.values().removeIf(l -> !now.isBefore(l.expiresAt()));
    return held;
  }

  /** Purges expired leases, closed windows and ended sticky sessions; the periodic cleanup calls it. */
  public synchronized int purgeExpired(Instant now) {
    sticky.values().removeIf(b -> !now.isBefore(b.expiresAt()));
    int before = leases.values().stream().mapToInt(Map::size).sum();
    leases.values().forEach(m -> m.values().removeIf(l -> !now.isBefore(l.expiresAt())));
    leases.values().removeIf(Map::isEmpty);
    windows.values().removeIf(w -> !AdmissionRule.windowOpen(w.start, w.minutes, now.minus(Duration.ofMinutes(1))));
    return before - leases.values().stream().mapToInt(Map::size).sum();
  }

  private static String stickyId(String keyId, String sessionId) {
    return keyId + "\u0000" + sessionId;
  }

  private long counter(String name) {
    return costCounters.getOrDefault(name, 0L);
  }

  private void add(String bucket, UsageRecord r) {
    totals.merge(bucket, UsageTotals.EMPTY.plus(r), (a, x) -> a.plus(r));
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
