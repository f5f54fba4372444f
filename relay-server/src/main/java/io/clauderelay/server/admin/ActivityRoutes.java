package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.vertx.core.Future;
import java.util.function.Function;
import io.clauderelay.domain.admission.QueuePolicy;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's detail pages read: the request log across the cluster (every node settles
 * into the one shared ledger), one key's limits against its current usage, one key's or one
 * account's usage by day, and the relay's report time zone ({@code TIMEZONE_OFFSET}).
 */
public final class ActivityRoutes {
  /** The ledger keeps this many recent records per key; a page further back than that is empty. */
  static final int KEPT_PER_KEY = 200;
  private final ApiKeyStore keys;
  private final AccountStore accounts;
  private final UsageLedger ledger;
  private final KeySelfRoutes self;
  private final TimeBuckets buckets;
  private final Clock clock;
  private final QueuePolicy queueDefaults;
  private final Function<String, Future<Integer>> queueLength;

  /**
   * @param queueDefaults the relay's CONCURRENCY_QUEUE_* default, for keys without their own
   * @param queueLength how many requests wait in a key's concurrency queue, across the cluster
   */
  public ActivityRoutes(ApiKeyStore keys, AccountStore accounts, UsageLedger ledger, KeySelfRoutes self,
      TimeBuckets buckets, Clock clock, QueuePolicy queueDefaults, Function<String, Future<Integer>> queueLength) {
    this.queueDefaults = queueDefaults;
    this.queueLength = queueLength;
    this.keys = keys;
    this.accounts = accounts;
    this.ledger = ledger;
    this.self = self;
    this.buckets = buckets;
    this.clock = clock;
  }

  /**
   * {@code GET /admin/request-log?limit=50&before=<ISO instant>&keyId=&accountId=}: the latest
   * requests of every key, newest first, with the key's id and name (never its secret) and the
   * account's name; {@code nextBefore} is the cursor of the next page (absent on the last).
   */
  public void requestLog(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    int limit = q.integer("limit", 1, KEPT_PER_KEY, 50);
    Instant before = instant(q.string("before", 40));
    String keyId = q.string("keyId", 200);
    String accountId = q.string("accountId", 200);
    // The first page needs only each key's newest `limit`; a later one may lie deeper in every key's list.
    int perKey = before == null ? limit : KEPT_PER_KEY;
    Future<List<ApiKey>> keyList = Async.from(keys.list());
    Future<List<Account>> accountList = Async.from(accounts.list());
    Future.all(keyList, accountList).compose(x -> {
      List<ApiKey> wanted = keyList.result().stream().filter(k -> keyId == null || k.id().equals(keyId)).toList();
      return Future.all(wanted.stream().map(k -> Async.from(ledger.recentRecords(k.id(), perKey))).toList())
          .map(all -> {
            Map<String, String> keyNames = new HashMap<>();
            keyList.result().forEach(k -> keyNames.put(k.id(), k.name()));
            Map<String, String> accountNames = new HashMap<>();
            accountList.result().forEach(a -> accountNames.put(a.id(), a.name()));
            List<UsageRecord> merged = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) merged.addAll(all.<List<UsageRecord>>resultAt(i));
            List<UsageRecord> page = merged.stream()
                .filter(r -> before == null || r.at().isBefore(before))
                .filter(r -> accountId == null || accountId.equals(r.accountId()))
                .sorted(Comparator.comparing(UsageRecord::at).reversed().thenComparing(UsageRecord::requestId))
                .limit(limit).toList();
            ObjectNode data = JsonFields.JSON.createObjectNode();
            ArrayNode items = data.putArray("items");
            page.forEach(r -> items.add(ReportRoutes.record(r).put("keyId", r.keyId())
                .put("keyName", keyNames.getOrDefault(r.keyId(), ""))
                .put("accountName", r.accountId() == null ? "" : accountNames.getOrDefault(r.accountId(), ""))));
            if (page.size() == limit) data.put("nextBefore", page.get(page.size() - 1).at().toString());
            return data;
          });
    }).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys/:keyId/limits}: each limit beside its current use, and today's/total usage. */
  public void keyLimits(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    Async.from(keys.findById(id)).compose(found -> {
      if (found.isEmpty()) return Future.<ObjectNode>failedFuture(ApiKeyLifecycleRoutes.notFound(id));
      ApiKey key = found.get();
      QueuePolicy queue = queueDefaults.forKey(key.queue());
      return self.usage(key).compose(u -> queueLength.apply(key.id()).map(waiting -> {
        ObjectNode data = JsonFields.JSON.createObjectNode().put("keyId", key.id()).put("name", key.name());
        data.set("limits", KeySelfRoutes.limitsNode(key, u));
        data.set("usage", KeySelfRoutes.usageNode(u));
        // The queue in effect (the key's fields over the default) and who waits in it now.
        data.putObject("queue").put("enabled", queue.enabled() && key.limits().concurrency() > 0)
            .put("maxSize", queue.maxSize()).put("timeoutMs", queue.timeout().toMillis()).put("waiting", waiting);
        return data;
      }));
    }).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys/:keyId/usage-trend?days=14}: the key's totals of each day, oldest first. */
  public void keyTrend(RoutingContext rc) {
    String id = rc.pathParam("keyId");
    List<String> days = lastDays(new QueryParams(rc).integer("days", 1, 92, 14));
    Future.all(days.stream().map(d -> Async.from(ledger.keyModelTotals(id, d)).map(m -> UsageTotals.sum(m.values())))
        .toList()).onSuccess(all -> AdminResponses.ok(rc, trend(days, i -> all.resultAt(i))))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/accounts/:accountId/usage-trend?days=14}: the account's totals of each day, oldest first. */
  public void accountTrend(RoutingContext rc) {
    String id = rc.pathParam("accountId");
    List<String> days = lastDays(new QueryParams(rc).integer("days", 1, 92, 14));
    Future.all(days.stream().map(d -> Async.from(ledger.dailyTotals(d))
        .map(m -> Optional.ofNullable(m.get("account:" + id)).orElse(UsageTotals.EMPTY))).toList())
        .onSuccess(all -> AdminResponses.ok(rc, trend(days, i -> all.resultAt(i))))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  /**
   * {@code GET /admin/console-settings}: the offset the relay's days and resets are counted in
   * ({@code TIMEZONE_OFFSET}), so the console shows times on the same clock, and today's day id.
   */
  public void consoleSettings(RoutingContext rc) {
    int seconds = buckets.offset().getTotalSeconds();
    AdminResponses.ok(rc, JsonFields.JSON.createObjectNode().put("timezoneOffset", seconds / 3600.0)
        .put("timezoneOffsetMinutes", seconds / 60).put("today", buckets.day(clock.instant())));
  }

  private List<String> lastDays(int n) {
    LocalDate last = LocalDate.parse(buckets.day(clock.instant()));
    List<String> days = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) days.add(last.minusDays(i).toString());
    return days;
  }

  private static ArrayNode trend(List<String> days, java.util.function.IntFunction<UsageTotals> totals) {
    ArrayNode data = JsonFields.JSON.createArrayNode();
    for (int i = 0; i < days.size(); i++) data.add(KeySelfRoutes.totals(totals.apply(i)).put("date", days.get(i)));
    return data;
  }

  private static Instant instant(String v) {
    if (v == null) return null;
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw JsonFields.bad("before", "must be an ISO instant such as 2026-03-01T12:00:00Z (a page's nextBefore)");
    }
  }
}
