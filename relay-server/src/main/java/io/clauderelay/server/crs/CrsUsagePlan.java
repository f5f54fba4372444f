package io.clauderelay.server.crs;

import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.UsageBuckets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one key's CRS usage adds this run: CRS's per key × model buckets (all time ⊇ month ⊇ day)
 * and its recent records, each level settling only what is new since the marks and not already
 * brought by a finer level, so that totals, per-day and per-month aggregates come out equal to CRS's.
 * A bucket delta of n requests becomes n settlements with ids {@code crs:<bucket>:<seq>} (the
 * ledger counts one request per settlement), the first carrying its tokens and cost.
 */
final class CrsUsagePlan {
  /** A bucket period outside every calendar query: what CRS still counts but no longer dates. */
  static final UsageBuckets UNDATED = new UsageBuckets("0000-00-00", "0000-00-00:00", "0000-00", "0000-00-00T00");

  /** One batch of settlements: {@code delta} on the first, then empty ones up to {@code count}. */
  record Batch(String idBase, long firstSeq, long count, String model, CrsCounters delta, UsageBuckets buckets,
      Instant at) {}

  final List<Batch> batches = new ArrayList<>();
  final List<CrsRecord> records = new ArrayList<>();
  final Map<String, String> marks = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  private final Map<String, CrsCounters> acc = new HashMap<>();
  private final java.util.Set<String> leveled = new java.util.HashSet<>();
  int weeklyResetDay = 1;
  int weeklyResetHour;

  /**
   * Plans the key's import. {@code day}, {@code month} and {@code all} are CRS's buckets as
   * {@code model|period → counters} ({@code model|} for all time); {@code recent} its records.
   */
  static CrsUsagePlan plan(ApiKey key, Map<String, CrsCounters> day, Map<String, CrsCounters> month,
      Map<String, CrsCounters> all, List<CrsRecord> recent, Map<String, String> oldMarks, TimeBuckets tb) {
    CrsUsagePlan p = new CrsUsagePlan();
    int resetDay = key.limits().weeklyResetDay();
    int resetHour = key.limits().weeklyResetHour();
    p.weeklyResetDay = resetDay;
    p.weeklyResetHour = resetHour;
    List<CrsRecord> fresh = new ArrayList<>();
    for (CrsRecord r : recent) if (!oldMarks.containsKey("r:" + r.id())) fresh.add(r);
    fresh.sort(java.util.Comparator.comparing(CrsRecord::at));
    for (CrsRecord r : fresh) {
      String d = tb.day(r.at());
      p.add("d|" + r.model() + "|" + d, r.counters());
      p.add("m|" + r.model() + "|" + d.substring(0, 7), r.counters());
      p.add("a|" + r.model() + "|", r.counters());
      p.records.add(r);
      p.marks.put("r:" + r.id(), "1");
    }
    day.forEach((bucket, now) -> {
      String model = bucket.substring(0, bucket.lastIndexOf('|'));
      String d = bucket.substring(bucket.lastIndexOf('|') + 1);
      Instant at = LocalDate.parse(d).atStartOfDay().toInstant(tb.offset());
      UsageBuckets b = new UsageBuckets(d, tb.hour(at), tb.month(at), tb.week(at, resetDay, resetHour));
      CrsCounters delta = p.level("d|" + bucket, now, oldMarks, model, b, at);
      p.add("m|" + model + "|" + d.substring(0, 7), delta);
      p.add("a|" + model + "|", delta);
    });
    month.forEach((bucket, now) -> {
      String model = bucket.substring(0, bucket.lastIndexOf('|'));
      String m = bucket.substring(bucket.lastIndexOf('|') + 1);
      Instant at = YearMonth.parse(m).atDay(1).atStartOfDay().toInstant(tb.offset());
      // Days CRS no longer keeps: in the month, on no day and in no week.
      UsageBuckets b = new UsageBuckets(m + "-00", m + "-00:00", m, "0000-00-00T00");
      CrsCounters delta = p.level("m|" + bucket, now, oldMarks, model, b, at);
      p.add("a|" + model + "|", delta);
    });
    all.forEach((bucket, now) -> {
      String model = bucket.substring(0, bucket.lastIndexOf('|'));
      p.level("a|" + bucket, now, oldMarks, model, UNDATED, key.createdAt());
    });
    // A bucket CRS did not have at this instant (a new day's, or expired) that records brought usage to:
    // remember what they brought, so that when it appears its count is not taken as new.
    p.acc.forEach((bucketId, brought) -> {
      if (!p.leveled.contains(bucketId) && !brought.isZero()) {
        p.marks.put("b:" + bucketId, CrsCounters.decode(oldMarks.get("b:" + bucketId)).plus(brought).encode());
      }
    });
    return p;
  }

  /** Settles (now − marked − what finer levels brought this run) and marks the bucket at {@code now}. */
  private CrsCounters level(String bucketId, CrsCounters now, Map<String, String> oldMarks, String model,
      UsageBuckets buckets, Instant at) {
    CrsCounters before = CrsCounters.decode(oldMarks.get("b:" + bucketId));
    CrsCounters finer = acc.getOrDefault(bucketId, CrsCounters.ZERO);
    CrsCounters raw = now.minus(before).minus(finer);
    CrsCounters delta = raw.floorZero();
    if (!raw.equals(delta)) {
      notes.add("bucket " + bucketId + " counts less in CRS than already imported; nothing taken back");
    }
    leveled.add(bucketId);
    // What is now imported for this bucket; equal to CRS's count unless a negative delta was floored.
    CrsCounters imported = before.plus(finer).plus(delta);
    if (!imported.equals(before)) marks.put("b:" + bucketId, imported.encode());
    if (delta.requests() > 0) {
      batches.add(new Batch("crs:" + bucketId, before.requests() + finer.requests() + 1, delta.requests(), model, delta,
          buckets, at));
    } else if (!delta.isZero()) {
      notes.add("bucket " + bucketId + " has tokens or cost without requests: not imported");
    }
    return delta;
  }

  private void add(String bucketId, CrsCounters c) {
    acc.merge(bucketId, c, CrsCounters::plus);
  }

  long settlements() {
    long n = records.size();
    for (Batch b : batches) n += b.count();
    return n;
  }

  CrsCounters total() {
    CrsCounters t = CrsCounters.ZERO;
    for (Batch b : batches) t = t.plus(b.delta());
    for (CrsRecord r : records) t = t.plus(r.counters());
    return t;
  }
}
