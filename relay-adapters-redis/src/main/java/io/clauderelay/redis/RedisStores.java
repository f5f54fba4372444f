package io.clauderelay.redis;

import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

/**
 * Every store port on one Redis (standalone or Sentinel), for the server's composition root: all
 * stores share ONE {@link RedisCommands}; only the invalidation bus has its own client,
 * because a subscribed connection can serve nothing else. Also the Redis health probe for
 * {@code GET /health}.
 */
public final class RedisStores {

  /** Invalidation kind of an upstream account change (the id is the account's). */
  public static final String ACCOUNT_KIND = "account";
  /** The node's copy of the account catalogue is used at most this long without a reload... */
  static final Duration ACCOUNT_LIST_MAX_AGE = Duration.ofSeconds(5);
  /** ...and reloaded in the background this often, so requests never wait for it. */
  static final Duration ACCOUNT_LIST_REFRESH = Duration.ofSeconds(2);
  /** How often the node re-reads the runtime of the accounts it schedules (one batch). */
  static final Duration RUNTIME_REFRESH = Duration.ofMillis(500);
  /** Events kept per account in its error log, and how long a log outlives its newest event. */
  static final int ACCOUNT_ERRORS_KEPT = AccountErrorLog.KEPT;
  static final Duration ACCOUNT_ERRORS_RETENTION = Duration.ofDays(7);

  /** What {@code GET /health} reports about Redis: reachable, the node's role, the probe's round trip. */
  public record Health(boolean connected, String role, long latencyMs, String error) {}

  private final RedisSettings settings;
  private final RedisCommands commands;
  private final RedisApiKeyStore apiKeys;
  private final PendingTotals pending;
  private final RedisLedger ledger;
  private final CachedAccountStore accounts;
  private final RedisAccountStateStore accountStateDirect;
  private final CachedAccountStateStore accountState;
  private final RedisAdminStore admin;
  private final RedisLoginThrottle loginThrottle;
  private final RedisSettingsStore settingsStore;
  private final RedisJobLock jobLock;
  private final RedisOAuthSessionStore oauthSessions;
  private final RedisAccountErrorLog accountErrors;
  private final RedisSharedPriceFile priceFile;
  private final RedisInvalidationBus invalidations;
  private final Vertx vertx;
  private final List<Long> timers;

  private RedisStores(Vertx vertx, RedisSettings settings, TimeBuckets buckets) {
    this.settings = settings;
    this.commands = RedisConnector.commands(vertx, settings);
    this.apiKeys = new RedisApiKeyStore(commands);
    this.pending = new PendingTotals(commands);
    this.ledger = new RedisLedger(commands, pending);
    this.vertx = vertx;
    // Creating a client opens nothing: the bus connects only when someone subscribes.
    this.invalidations = new RedisInvalidationBus(vertx, RedisConnector.subscriberClient(vertx, settings), commands);
    this.accounts = new CachedAccountStore(new RedisAccountStore(commands), ACCOUNT_LIST_MAX_AGE, System::nanoTime,
        id -> invalidations.publish(ACCOUNT_KIND, id));
    this.accountStateDirect = new RedisAccountStateStore(commands, buckets, pending);
    this.accountState = new CachedAccountStateStore(accountStateDirect, buckets, System::nanoTime);
    this.admin = new RedisAdminStore(commands);
    this.loginThrottle = new RedisLoginThrottle(commands);
    this.settingsStore = new RedisSettingsStore(commands);
    this.jobLock = new RedisJobLock(commands);
    this.oauthSessions = new RedisOAuthSessionStore(commands);
    this.accountErrors = new RedisAccountErrorLog(commands, ACCOUNT_ERRORS_KEPT, ACCOUNT_ERRORS_RETENTION);
    this.priceFile = new RedisSharedPriceFile(commands);
    // The request path reads the catalogue and the runtime from memory; these keep both fresh.
    this.timers = List.of(
        vertx.setPeriodic(ACCOUNT_LIST_REFRESH.toMillis(), id -> accounts.refresh()),
        vertx.setPeriodic(RUNTIME_REFRESH.toMillis(), id -> accountState.refresh(Instant.now())),
        // A failed flush stays pending and goes out with the next one.
        vertx.setPeriodic(PendingTotals.INTERVAL.toMillis(), id -> pending.flush()));
  }

  /** The stores on Redis; today's account cost is counted in the operator's day ({@code TIMEZONE_OFFSET}). */
  public static RedisStores create(Vertx vertx, RedisSettings settings, TimeBuckets buckets) {
    return new RedisStores(vertx, settings, buckets);
  }

  /** The stores on Redis, days counted in UTC. */
  public static RedisStores create(Vertx vertx, RedisSettings settings) {
    return create(vertx, settings, new TimeBuckets(ZoneOffset.UTC));
  }

  public RedisSettings settings() {
    return settings;
  }
  public RedisCommands commands() {
    return commands;
  }
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }
  /** Admission and usage are one class on Redis (they share the per-key slot); both views of it. */
  public RedisLedger ledger() {
    return ledger;
  }
  public AdmissionStore admission() {
    return ledger;
  }
  public UsageLedger usage() {
    return ledger;
  }
  /** The node's cached catalogue: {@code list()} answers from memory (see {@link CachedAccountStore}). */
  public CachedAccountStore accounts() {
    return accounts;
  }
  /** The node's runtime snapshot over Redis (see {@link CachedAccountStateStore}): the request path's view. */
  public CachedAccountStateStore accountState() {
    return accountState;
  }
  /** Account runtime read and written straight on Redis. */
  public RedisAccountStateStore accountStateDirect() {
    return accountStateDirect;
  }
  public AdminStore admin() {
    return admin;
  }
  public LoginThrottle loginThrottle() {
    return loginThrottle;
  }
  public RedisSettingsStore settingsStore() {
    return settingsStore;
  }
  public RedisJobLock jobLock() {
    return jobLock;
  }
  public OAuthSessionStore oauthSessions() {
    return oauthSessions;
  }
  /** Every account's recent cool-downs, shared by the nodes (written only when an account fails). */
  public AccountErrorLog accountErrors() {
    return accountErrors;
  }
  public SharedPriceFile priceFile() {
    return priceFile;
  }
  public RedisInvalidationBus invalidations() {
    return invalidations;
  }

  /**
   * Probes Redis with {@code INFO replication}: one attempt (no connect retry), bounded by the
   * command timeout, so a dead Redis is reported promptly. Never fails: an unreachable Redis is
   * {@code connected=false} with the error's message.
   */
  public CompletionStage<Health> health() {
    long start = System.nanoTime();
    return commands.sendOnce(Request.cmd(Command.INFO).arg("replication")).handle((r, err) -> {
      long latencyMs = (System.nanoTime() - start) / 1_000_000;
      if (err != null) return new Health(false, null, latencyMs, message(err));
      return new Health(true, role(r == null ? "" : r.toString()), latencyMs, null);
    });
  }

  /**
   * Listens for other nodes' changes: the account catalogue drops its copy on an account change
   * (or on "everything", after a reconnect), then {@code handler} sees every invalidation.
   */
  public CompletionStage<Void> subscribe(Consumer<RedisInvalidationBus.Invalidation> handler) {
    return invalidations.subscribe(i -> {
      if (i.isEverything() || ACCOUNT_KIND.equals(i.kind())) accounts.invalidate();
      handler.accept(i);
    });
  }

  /**
   * Writes the pending aggregates (bounded by the command timeout), closes the invalidation
   * subscriber, then the shared client. The Vert.x instance is the caller's.
   */
  public CompletionStage<Void> close() {
    timers.forEach(vertx::cancelTimer);
    return pending.flush().handle((v, e) -> null)
        .thenCompose(v -> invalidations.close())
        .thenCompose(v -> commands.close().toCompletionStage());
  }

  /** The {@code role:} line of INFO replication: master, slave (a replica), or unknown. */
  static String role(String info) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("role:")) return line.substring("role:".length()).trim();
    }
    return "unknown";
  }

  private static String message(Throwable err) {
    Throwable t = err;
    while ((t instanceof java.util.concurrent.CompletionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
