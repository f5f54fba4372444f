package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Usage and cost reports and the dashboard, read from the ledger's per-key and per-day totals. */
public final class ReportRoutes {
  private final ApiKeyStore keyStore;
  private final AccountStore accountStore;
  private final AccountStateStore accountState;
  private final UsageLedger ledger;
  private final Clock clock;
  private final TimeBuckets buckets;
  private final Instant startedAt;
  private final MinuteMetrics minuteMetrics;

  public ReportRoutes(ApiKeyStore keyStore, AccountStore accountStore, AccountStateStore accountState,
      UsageLedger ledger, Clock clock, TimeBuckets buckets) {
    this.keyStore = keyStore;
    this.accountStore = accountStore;
    this.accountState = accountState;
    this.ledger = ledger;
    this.clock = clock;
    this.buckets = buckets;
    this.startedAt = clock.instant();
    this.minuteMetrics = new MinuteMetrics(ledger);
  }

  private String today() {
    return buckets.day(clock.instant());
  }

  /** {@code GET /admin/usage-stats?keyId=&day=}: one key's totals by model, or every key's totals, for a day. */
  public void usageStats(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    String day = q.day("day", today());
    String keyId = q.string("keyId", 200);
    if (keyId != null) {
      Async.from(ledger.keyModelTotals(keyId, day)).onSuccess(models -> {
        ObjectNode data = JsonFields.JSON.createObjectNode().put("keyId", keyId).put("day", day);
        data.set("total", KeySelfRoutes.totals(UsageTotals.sum(models.values())));
        ObjectNode byModel = data.putObject("models");
        models.forEach((m, t) -> byModel.set(m, KeySelfRoutes.totals(t)));
        AdminResponses.ok(rc, data);
      }).onFailure(err -> AdminResponses.fail(rc, err));
      return;
    }
    keyTotals(day).onSuccess(rows -> AdminResponses.ok(rc, rowsNode(rows, Integer.MAX_VALUE)))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys/top?day=&limit=}: keys by rated cost on a day, highest first. */
  public void topKeys(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    String day = q.day("day", today());
    int limit = q.integer("limit", 1, 1000, 10);
    keyTotals(day).onSuccess(rows -> AdminResponses.ok(rc, rowsNode(rows, limit)))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/model-stats?day=} or {@code ?month=}: totals per model. */
  public void modelStats(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    YearMonth month = q.month("month", null);
    List<String> days = month == null ? List.of(q.day("day", today())) : daysOf(month);
    sumDays(days).onSuccess(totals -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      totals.entrySet().stream().filter(e -> e.getKey().startsWith("model:"))
          .sorted(Comparator.comparing((Map.Entry<String, UsageTotals> e) -> e.getValue().ratedCostMicros()).reversed())
          .forEach(e -> {
            ObjectNode row = KeySelfRoutes.totals(e.getValue());
            row.put("model", e.getKey().substring("model:".length()));
            data.add(row);
          });
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/accounts/usage-stats?day=} or {@code ?month=}: totals per upstream account. */
  public void accountStats(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    YearMonth month = q.month("month", null);
    List<String> days = month == null ? List.of(q.day("day", today())) : daysOf(month);
    sumDays(days).compose(totals -> Async.from(accountStore.list()).map(accounts -> {
      Map<String, String> names = new TreeMap<>();
      accounts.forEach(a -> names.put(a.id(), a.name()));
      ArrayNode data = JsonFields.JSON.createArrayNode();
      totals.forEach((k, t) -> {
        if (!k.startsWith("account:")) return;
        String id = k.substring("account:".length());
        data.add(KeySelfRoutes.totals(t).put("accountId", id).put("name", names.getOrDefault(id, "")));
      });
      return data;
    })).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /**
   * {@code GET /admin/usage-trend?days=7}: global totals of each of the last N days, oldest first;
   * {@code ?granularity=minute&minutes=60}: of each of the last N minutes (at most 120), zero-filled.
   */
  public void usageTrend(RoutingContext rc) {
    QueryParams q = new QueryParams(rc);
    String granularity = q.choice("granularity", List.of("day", "minute"), "day");
    if (granularity.equals("minute")) {
      int n = q.integer("minutes", 1, UsageLedger.MINUTES_KEPT, 60);
      minuteMetrics.series(clock.instant(), n).onSuccess(data -> AdminResponses.ok(rc, data))
          .onFailure(err -> AdminResponses.fail(rc, err));
      return;
    }
    int n = q.integer("days", 1, 92, 7);
    LocalDate last = LocalDate.parse(today());
    List<String> days = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) days.add(last.minusDays(i).toString());
    Future.all(days.stream().map(d -> Async.from(ledger.dailyTotals(d))).toList()).onSuccess(all -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      for (int i = 0; i < days.size(); i++) {
        Map<String, UsageTotals> m = all.resultAt(i);
        data.add(KeySelfRoutes.totals(m.getOrDefault("global", UsageTotals.EMPTY)).put("date", days.get(i)));
      }
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/usage-costs?month=2026-03}: the month's global totals (sum of its days). */
  public void usageCosts(RoutingContext rc) {
    YearMonth month = new QueryParams(rc).month("month", YearMonth.parse(buckets.month(clock.instant())));
    sumDays(daysOf(month)).onSuccess(totals -> AdminResponses.ok(rc,
        KeySelfRoutes.totals(totals.getOrDefault("global", UsageTotals.EMPTY)).put("month", month.toString())))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code GET /admin/api-keys/:keyId/usage-records?limit=}: the key's latest requests, newest first. */
  public void usageRecords(RoutingContext rc) {
    String keyId = rc.pathParam("keyId");
    int limit = new QueryParams(rc).integer("limit", 1, 200, 50);
    Async.from(ledger.recentRecords(keyId, limit)).onSuccess(records -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      records.forEach(r -> data.add(record(r)));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /**
   * {@code GET /admin/dashboard}: keys, accounts by state, today's usage, current RPM/TPM over the
   * last {@value MinuteMetrics#WINDOW_MINUTES} minutes cluster-wide ({@code realtimeMetrics}) and
   * today's averages ({@code systemAverages}).
   */
  public void dashboard(RoutingContext rc) {
    Instant now = clock.instant();
    String day = buckets.day(now);
    Future<List<ApiKey>> keys = Async.from(keyStore.list());
    Future<List<Account>> accounts = Async.from(accountStore.list());
    Future<Map<String, UsageTotals>> todayTotals = Async.from(ledger.dailyTotals(day));
    Future<Map<String, AccountRuntime>> runtime = accounts
        .compose(list -> Async.from(accountState.runtime(list.stream().map(Account::id).toList(), now)));
    Future<ObjectNode> realtime = minuteMetrics.realtime(now);
    Future.all(keys, accounts, todayTotals, runtime, realtime).onSuccess(x -> {
      List<ApiKey> live = keys.result().stream().filter(k -> !k.deleted()).toList();
      ObjectNode data = JsonFields.JSON.createObjectNode();
      ObjectNode overview = data.putObject("overview");
      overview.put("totalApiKeys", live.size());
      overview.put("activeApiKeys", live.stream().filter(k -> k.active() && !k.expiry().isExpired(now)).count());
      ObjectNode byPlatform = overview.putObject("accountsByPlatform");
      int[] all = new int[5];
      for (Account a : accounts.result()) {
        int state = state(a, runtime.result().getOrDefault(a.id(), AccountRuntime.IDLE), now);
        all[0]++;
        all[state]++;
        ObjectNode p = byPlatform.has(a.type().id())
            ? (ObjectNode) byPlatform.get(a.type().id())
            : byPlatform.putObject(a.type().id()).put("total", 0).put("normal", 0).put("abnormal", 0).put("paused", 0)
                .put("rateLimited", 0);
        p.put("total", p.get("total").asInt() + 1);
        String name = STATES[state];
        p.put(name, p.get(name).asInt() + 1);
      }
      overview.put("totalAccounts", all[0]).put("normalAccounts", all[1]).put("abnormalAccounts", all[2])
          .put("pausedAccounts", all[3]).put("rateLimitedAccounts", all[4]);
      UsageTotals today = todayTotals.result().getOrDefault("global", UsageTotals.EMPTY);
      TokenUsage t = today.tokens();
      data.putObject("recentActivity")
          .put("apiKeysCreatedToday", live.stream().filter(k -> buckets.day(k.createdAt()).equals(day)).count())
          .put("requestsToday", today.requests()).put("tokensToday", t.total()).put("inputTokensToday", t.input())
          .put("outputTokensToday", t.output()).put("cacheCreateTokensToday", t.cacheWrite())
          .put("cacheReadTokensToday", t.cacheRead());
      data.set("todayCost", KeySelfRoutes.totals(today));
      long minutes = Math.max(1,
          Duration.between(LocalDate.parse(day).atStartOfDay().toInstant(buckets.offset()), now).toMinutes());
      data.putObject("systemAverages").put("rpm", MinuteMetrics.round2(today.requests() / (double) minutes))
          .put("tpm", MinuteMetrics.round2(t.total() / (double) minutes)).put("minutes", minutes);
      data.set("realtimeMetrics", realtime.result());
      data.putObject("systemHealth").put("uptime", Duration.between(startedAt, now).toSeconds());
      data.put("day", day);
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private static final String[] STATES = {"total", "normal", "abnormal", "paused", "rateLimited"};

  /** 1 normal, 2 abnormal (error status), 3 paused (disabled or unschedulable), 4 cooling down. */
  private static int state(Account a, AccountRuntime rt, Instant now) {
    if (a.status() != AccountStatus.ACTIVE && a.status() != AccountStatus.CREATED) return 2;
    if (!a.active() || !a.schedulable()) return 3;
    if (rt.coolingDown(now)) return 4;
    return 1;
  }

  private record KeyRow(ApiKey key, UsageTotals totals) {}

  private Future<List<KeyRow>> keyTotals(String day) {
    return Async.from(keyStore.list()).compose(keys -> Future.all(keys.stream()
        .map(k -> Async.from(ledger.keyModelTotals(k.id(), day)).map(m -> new KeyRow(k, UsageTotals.sum(m.values()))))
        .toList())
        .map(all -> {
          List<KeyRow> rows = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) rows.add(all.resultAt(i));
          rows.sort(Comparator.comparing((KeyRow r) -> r.totals().ratedCostMicros()).reversed()
              .thenComparing(r -> r.key().name()));
          return rows;
        }));
  }

  private static ArrayNode rowsNode(List<KeyRow> rows, int limit) {
    ArrayNode data = JsonFields.JSON.createArrayNode();
    rows.stream().limit(limit).forEach(r -> data.add(KeySelfRoutes.totals(r.totals()).put("keyId", r.key().id())
        .put("name", r.key().name()).put("isDeleted", r.key().deleted())));
    return data;
  }

  private Future<Map<String, UsageTotals>> sumDays(List<String> days) {
    return Future.all(days.stream().map(d -> Async.from(ledger.dailyTotals(d))).toList()).map(all -> {
      Map<String, UsageTotals> out = new TreeMap<>();
      for (int i = 0; i < days.size(); i++) {
        Map<String, UsageTotals> m = all.resultAt(i);
        m.forEach((k, t) -> out.merge(k, t, UsageTotals::plus));
      }
      return out;
    });
  }

  private List<String> daysOf(YearMonth month) {
    List<String> days = new ArrayList<>();
    LocalDate last = LocalDate.parse(today());
    for (int d = 1; d <= month.lengthOfMonth(); d++) {
      LocalDate date = month.atDay(d);
      if (date.isAfter(last)) break;
      days.add(date.toString());
    }
    return days;
  }

  static ObjectNode record(UsageRecord r) {
    TokenUsage t = r.tokens();
    return JsonFields.JSON.createObjectNode().put("requestId", r.requestId()).put("timestamp", r.at().toString())
        .put("model", r.model()).put("accountId", r.accountId())
        .put("provider", r.provider() == null ? null : r.provider().id())
        .put("inputTokens", t.input()).put("outputTokens", t.output()).put("cacheCreateTokens", t.cacheWrite())
        .put("cacheReadTokens", t.cacheRead()).put("totalTokens", t.total())
        .put("cost", io.clauderelay.domain.pricing.Money.toDollars(r.ratedCostMicros()))
        .put("realCost", io.clauderelay.domain.pricing.Money.toDollars(r.cost().totalMicros()))
        .put("status", r.status()).put("stream", r.stream()).put("latencyMs", r.latencyMs());
  }
}
