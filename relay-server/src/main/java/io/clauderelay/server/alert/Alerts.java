package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.server.observe.RelayObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the relay observes into notifications: account anomalies (cool-down, unauthorized,
 * blocked, refresh failed), recoveries, quota warnings, store trouble and login lockouts. Each
 * event has a name; the first node to take the cluster lock of that name sends it and the others
 * stay silent, so the operator gets one message per cluster. Nothing here waits on the request
 * that caused the event: the observer calls only schedule work.
 */
public final class Alerts implements RelayObserver {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  /** How long one event name stays sent: the same anomaly of the same account is not repeated within it. */
  static final Duration ANOMALY_WINDOW = Duration.ofMinutes(10);
  /** How long an alert waits on the store (its lock, its configuration) before going on without it. */
  static final Duration STORE_PATIENCE = Duration.ofSeconds(2);

  /** The cluster lock of the store: true for exactly one caller per name within the TTL. */
  public interface Dedupe {
    CompletionStage<Boolean> first(String name, String owner, Duration ttl);
  }

  private final Vertx vertx;
  private final WebhookConfigStore configs;
  private final AlertSender sender;
  private final Dedupe dedupe;
  private final AccountStore accounts;
  private final Clock clock;
  private final ZoneOffset zone;
  private final String node = UUID.randomUUID().toString();
  /** Names this node already sent or lost to another node, until when: spares the store a lock call per repeat. */
  private final Map<String, Instant> recent = new ConcurrentHashMap<>();
  /** Accounts this node cooled down, until when: a recovery is announced once that time has passed. */
  final Map<String, Instant> cooling = new ConcurrentHashMap<>();

  public Alerts(Vertx vertx, WebhookConfigStore configs, AlertSender sender, Dedupe dedupe, AccountStore accounts,
      Clock clock, ZoneOffset zone) {
    this.vertx = vertx;
    this.configs = configs;
    this.sender = sender;
    this.dedupe = dedupe;
    this.accounts = accounts;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public void cooledDown(String accountId, Instant until, String reason) {
    cooling.merge(accountId, until, (a, b) -> a.isAfter(b) ? a : b);
    String status = anomalyStatus(reason);
    account(accountId, reason, status, errorCode(status), "anomaly:" + accountId + ":" + status, ANOMALY_WINDOW,
        "accountAnomaly");
  }

  @Override
  public void accountBlocked(String accountId, String reason) {
    account(accountId, reason, "blocked", errorCode("blocked"), "anomaly:" + accountId + ":blocked", ANOMALY_WINDOW,
        "accountAnomaly");
  }

  @Override
  public void oauthRefresh(String accountId, boolean ok, String reason) {
    if (ok) return;
    account(accountId, reason, "error", "CLAUDE_OAUTH_REFRESH_FAILED", "anomaly:" + accountId + ":refresh",
        ANOMALY_WINDOW,
        "accountAnomaly");
  }

  /** Store round trips that failed since the watch last looked (a failover, or the store away). */
  final java.util.concurrent.atomic.AtomicLong storeFailures = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public void storeCall(String op, long nanos, boolean ok) {
    if (!ok) storeFailures.incrementAndGet();
  }

  @Override
  public void loginLockedOut(String ip, String username, Duration lockout) {
    ObjectNode data = data();
    data.put("event", "admin_login_lockout").put("ip", ip).put("username", username)
        .put("lockoutSeconds", lockout.toSeconds())
        .put("message",
            "Repeated failed admin logins: further attempts are refused for " + lockout.toMinutes() + " min");
    notify("securityAlert", "lockout:" + ip + ":" + username, lockout, data);
  }

  /** An account of this node's cool-downs whose time has passed and that the store no longer shows cooling. */
  public void recovered(String accountId) {
    cooling.remove(accountId);
    account(accountId, "cool-down ended", "active", "ACCOUNT_RECOVERED", "recovery:" + accountId + ":"
        + clock.instant().getEpochSecond() / 60, Duration.ofMinutes(2), "rateLimitRecovery");
  }

  /**
   * A system event (store away, journal backlog), sent at most once per {@code window} per name.
   * These are about the store itself: when its lock cannot be asked, this node sends anyway (with
   * the configuration it read last), so an outage is announced during it, not after; with the
   * store away, each node that sees the trouble may send its own.
   */
  public void systemError(String name, String message, Duration window) {
    ObjectNode data = data();
    data.put("event", name).put("message", message);
    notify("systemError", "system:" + name, window, data, true);
  }

  /** Reads the alert configuration now, so that an outage later finds this node's copy recent. */
  public void refreshConfig() {
    bounded(configs.load()).onFailure(err -> LOG.debug("alert configuration not refreshed: {}", err.toString()));
  }

  /** A key or account reached {@code percent} of one of its limits in the period {@code period}. */
  public void quota(String subjectKind, String id, String name, String limit, int percent, long usedMicros,
      long limitMicros, String period) {
    ObjectNode data = data();
    data.put("subject", subjectKind).put(subjectKind + "Id", id).put(subjectKind + "Name", name).put("limit", limit)
        .put("percent", percent).put("used", usd(usedMicros)).put("limitValue", usd(limitMicros))
        .put("message", subjectKind + " " + name + " reached " + percent + " % of its " + limit + " limit");
    notify("quotaWarning", "quota:" + subjectKind + ":" + id + ":" + limit + ":" + percent + ":" + period,
        Duration.ofDays(8), data);
  }

  private void account(String accountId, String reason, String status, String errorCode, String name, Duration window,
      String type) {
    if (seen(name)) return;
    Future.fromCompletionStage(accounts.findById(accountId)).onComplete(ar -> {
      Optional<Account> a = ar.succeeded() ? ar.result() : Optional.empty();
      ObjectNode data = data();
      data.put("accountId", accountId).put("accountName", a.map(Account::name).orElse(accountId))
          .put("platform", a.map(x -> x.type().id()).orElse("unknown")).put("status", status)
          .put("errorCode", errorCode)
          .put("reason", reason == null ? "" : reason);
      notify(type, name, window, data);
    });
  }

  private ObjectNode data() {
    return WebhookConfig.JSON.createObjectNode();
  }

  private boolean seen(String name) {
    Instant until = recent.get(name);
    return until != null && clock.instant().isBefore(until);
  }

  /** Once per cluster per {@code window}: this node's memory first, then the store's lock. */
  void notify(String type, String name, Duration window, ObjectNode data) {
    notify(type, name, window, data, false);
  }

  private void notify(String type, String name, Duration window, ObjectNode data, boolean evenWithoutStore) {
    if (seen(name)) return;
    recent.put(name, clock.instant().plus(window));
    if (recent.size() > 10_000) recent.entrySet().removeIf(e -> !clock.instant().isBefore(e.getValue()));
    data.put("timestamp", clock.instant().atOffset(zone).toString());
    Future<Boolean> first = bounded(dedupe.first("alert:" + name, node, window));
    if (evenWithoutStore) first = first.recover(err -> Future.succeededFuture(true));
    first.compose(mine -> mine ? config(evenWithoutStore).map(c -> {
      deliver(c, new AlertMessage(type, data, clock.instant().atOffset(zone)));
      return null;
    }) : Future.succeededFuture())
        .onFailure(err -> LOG.warn("alert {} ({}) not sent: {}", type, name, err.toString()));
  }

  /** The stored configuration; for a store event, the one last read when the store does not answer. */
  private Future<WebhookConfig> config(boolean evenWithoutStore) {
    Future<WebhookConfig> stored = bounded(configs.load());
    if (!evenWithoutStore) return stored;
    return stored.recover(err -> configs.lastRead().map(Future::succeededFuture).orElse(Future.failedFuture(err)));
  }

  /** A store call that gives up after {@link #STORE_PATIENCE}: a store that is away may not even refuse. */
  private <T> Future<T> bounded(CompletionStage<T> call) {
    return Future.fromCompletionStage(call, vertx.getOrCreateContext()).timeout(STORE_PATIENCE.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Sends to every enabled platform of {@code config} that wants the type; reports how many took it. */
  public Future<List<Boolean>> deliver(WebhookConfig config, AlertMessage m) {
    if (!config.enabled() || !config.wants(m.type())) return Future.succeededFuture(List.of());
    List<Future<Boolean>> sends = config.enabledPlatforms().stream()
        .map(p -> sender.send(p, m, config.maxRetries(), config.retryDelayMs()).map(true).otherwise(false)).toList();
    return Future.all(sends).map(cf -> sends.stream().map(Future::result).toList());
  }

  static String anomalyStatus(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
    if (r.startsWith("auth")) return "unauthorized";
    if (r.startsWith("blocked")) return "blocked";
    if (r.startsWith("rate_limited")) return "rate_limited";
    if (r.startsWith("overloaded")) return "overloaded";
    return "cooldown";
  }

  static String errorCode(String status) {
    return "ACCOUNT_" + status.toUpperCase(java.util.Locale.ROOT);
  }

  private static String usd(long micros) {
    return "$" + java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
  }

  public Vertx vertx() {
    return vertx;
  }
}
