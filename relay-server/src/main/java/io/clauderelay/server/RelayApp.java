package io.clauderelay.server;

import io.clauderelay.crypto.AesGcmCipher;
import io.clauderelay.crypto.DecryptionCache;
import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.crs.CrsKeyHasher;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.KeyHasher;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.SettingsStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.providers.common.UpstreamClients;
import io.clauderelay.server.admin.PricingRoutes;
import io.clauderelay.server.alert.AlertSender;
import io.clauderelay.server.alert.AlertWatch;
import io.clauderelay.server.alert.Alerts;
import io.clauderelay.server.alert.WebhookConfigStore;
import io.clauderelay.server.alert.WebhookRoutes;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.Secret;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.config.UpstreamCooldowns;
import io.clauderelay.server.http.HttpApiVerticle;
import io.clauderelay.server.http.RelayRouter;
import io.clauderelay.server.http.ShutdownGate;
import io.clauderelay.server.metrics.AccountStateGauges;
import io.clauderelay.server.metrics.MetricsRoute;
import io.clauderelay.server.metrics.RelayMetrics;
import io.clauderelay.server.relay.AdmissionLine;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.pricing.LiteLlmPriceFile;
import io.clauderelay.server.pricing.PriceCatalogHolder;
import io.clauderelay.server.pricing.PricingRefresher;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.relay.InFlight;
import io.clauderelay.server.store.EmbeddedStores;
import io.clauderelay.server.store.RedisBackedStores;
import io.clauderelay.server.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: builds stores, crypto, pricing, the upstream client and every route
 * handler (each given only what it uses) from the configuration, starts the HTTP verticles, and
 * stops them gracefully ({@link GracefulStop}). The ports over the backend are {@link StorePorts}',
 * the route handlers {@link RouteWiring}'s; this class puts them together and runs them.
 */
public final class RelayApp {
  private static final Logger LOG = LoggerFactory.getLogger(RelayApp.class);
  public static final String VERSION = "0.1.0";
  /** TCP connect to an upstream (time queued for a pooled connection is not counted: there is no queue). */
  private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 10_000;
  /** How often the alert watch looks at recoveries, the journal and failed store calls (quotas every 4th time). */
  private static final Duration ALERT_WATCH_INTERVAL = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final StorePorts ports;
  private final ShutdownGate gate;
  private final InFlight inFlight;
  private final int port;
  private final Consumer<Duration> onStop;
  private AlertWatch alertWatch;

  private RelayApp(Vertx vertx, StorePorts ports, ShutdownGate gate, InFlight inFlight, int port,
      Consumer<Duration> onStop) {
    this.vertx = vertx;
    this.ports = ports;
    this.gate = gate;
    this.inFlight = inFlight;
    this.port = port;
    this.onStop = onStop;
  }

  /** Starts the relay; blocks until it listens. Call from a non-Vert.x thread (main, tests). */
  public static RelayApp start(RelayConfig config) {
    return start(config, Runtime.getRuntime().availableProcessors());
  }

  public static RelayApp start(RelayConfig config, int instances) {
    config.warnings().forEach(w -> LOG.warn(w));
    Clock clock = Clock.systemUTC();
    EncryptionKey encryptionKey = EncryptionKey.parse(config.secrets().encryptionKey().reveal());
    TimeBuckets buckets = new TimeBuckets(config.operations().zoneOffset());
    Path priceFile = config.server().dataDir().resolve("model_pricing.json");
    PriceCatalogHolder prices = new PriceCatalogHolder(loadPrices(priceFile));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, instances)));
    RelayMetrics metrics = new RelayMetrics(config.metrics().perKey()).bindVertx(vertx);
    AlertSender alertSender = new AlertSender(vertx, clock);
    try {
      Stores stores = config.store().mode() == StoreMode.EMBEDDED
          ? EmbeddedStores.create(config.server().dataDir(), buckets, clock)
          : RedisBackedStores.create(vertx, config.store(), buckets);
      LOG.info("store: {}", stores.description());
      DecryptionCache cipher = new DecryptionCache(new AesGcmCipher(encryptionKey), 4096);
      WebhookConfigStore webhookConfigs = new WebhookConfigStore(stores.settings(), cipher, clock);
      Alerts alerts = new Alerts(vertx, webhookConfigs, alertSender, stores.cluster()::tryLock, stores.accounts(),
          clock, config.operations().zoneOffset());
      RelayObserver observer = RelayObserver.all(List.of(metrics.meters(), alerts));
      StorePorts p = StorePorts.build(config, vertx, stores, cipher, encryptionKey, prices, observer, clock);
      JournalingUsageLedger journal = p.journal();
      metrics.bindJournal(journal);
      AdminSeed.fromInitFile(config, p.admin());

      RelaySettings settings = settings(config, buckets);
      // No pool cap below the in-flight ceiling: a request never queues behind long streams for a connection.
      UpstreamClients upstream = UpstreamClients.create(vertx, config.capacity().maxInFlight(),
          UPSTREAM_CONNECT_TIMEOUT_MS);
      HttpClientAgent http = upstream.plain();
      ShutdownGate gate = new ShutdownGate();
      InFlight inFlight = new InFlight(config.capacity().maxInFlight());
      metrics.bindInFlight(inFlight::count);
      ClientKeyAuthenticator auth = new ClientKeyAuthenticator(p.keys(), p.hasher(), settings.apiKeyPrefix(),
          settings.keyCacheTtl(), config.secrets().crsEncryptionKey() == null
              ? null
              : new CrsKeyHasher(config.secrets().crsEncryptionKey().reveal()));
      KeyChanges keyChanges = new KeyChanges(auth, stores.cluster());
      AdmissionLine line = new AdmissionLine(stores.queue(), p.admission(), stores.cluster()::publishInvalidation,
          clock, observer);
      metrics.bindQueue(line::waiting);
      stores.cluster().onInvalidation((kind, id) -> {
        keyChanges.onRemote(kind, id);
        line.onRemote(kind, id);
      });
      AccountProxies proxies = new AccountProxies(cipher);
      ClaudeOAuthAccounts oauth = RouteWiring.claudeOAuth(vertx, config, p, http, proxies, observer);
      PricingRefresher pricing = new PricingRefresher(vertx, http, config.operations().pricingUrl(),
          config.operations().pricingRefresh(), prices,
          Files.isRegularFile(priceFile) ? priceFile.toString() : "bundled",
          stores.priceFile(), RouteWiring.clusterLock(stores), clock);
      RouteWiring.Shared shared = new RouteWiring.Shared(vertx, config, p, settings, upstream, inFlight, auth,
          keyChanges, oauth, proxies, observer, line);
      Router router = RelayRouter.build(vertx, settings.maxBodyBytes(), gate,
          RouteWiring.routes(shared, new PricingRoutes(prices, pricing, clock)));
      new WebhookRoutes(webhookConfigs, alerts, alertSender, clock).mount(router);
      AccountStateGauges accountGauges = new AccountStateGauges(metrics.registry(), p.accounts(), p.accountState(),
          clock);
      router.get("/metrics").handler(new MetricsRoute(metrics.registry(),
          config.metrics().token().map(Secret::reveal), accountGauges::refresh)::handle);
      AtomicInteger actualPort = new AtomicInteger(config.server().port());
      vertx.deployVerticle(
          () -> new HttpApiVerticle(router, config.server().host(), config.server().port(), actualPort::set),
          new DeploymentOptions().setInstances(Math.max(1, instances))).await();
      PeriodicJobs jobs = PeriodicJobs.start(vertx, p.keys(), stores.cluster(), journal, clock,
          config.operations().cleanupInterval());
      pricing.start();
      p.leases().start(vertx, config.capacity().leaseRenewInterval());
      AlertWatch alertWatch = new AlertWatch(alerts, p.accounts(), p.accountState(), p.keys(), journal, journal,
          buckets, clock);
      long alertTimer = alertWatch.start(vertx, ALERT_WATCH_INTERVAL, stores.cluster()::tryLock);
      long healthTimer = RouteWiring.accountHealthChecks(shared).start(vertx);
      LOG.info("Claude Relay {} listening on http://{}:{}", VERSION, config.server().host(), actualPort.get());
      RelayApp app = new RelayApp(vertx, p, gate, inFlight, actualPort.get(), settleBound -> {
        jobs.stop();
        vertx.cancelTimer(alertTimer);
        vertx.cancelTimer(healthTimer);
        pricing.stop();
        p.leases().stop();
        GracefulStop.settleAll(journal, settleBound);
        GracefulStop.bounded("closing the store", stores.cluster().close().toCompletableFuture(),
            Duration.ofSeconds(2));
      });
      app.alertWatch = alertWatch;
      return app;
    } catch (RuntimeException e) {
      metrics.close();
      vertx.close();
      throw e;
    }
  }

  private static RelaySettings settings(RelayConfig config, TimeBuckets buckets) {
    UpstreamCooldowns c = config.cooldowns();
    CooldownPolicy cooldowns = new CooldownPolicy(c.on503(), c.on5xx(), c.onOverload(), c.onAuthError(), c.onTimeout(),
        CooldownPolicy.DEFAULTS.rateLimited(), c.maxCustom());
    // A short lease, renewed by this node while its request lives (LeaseRenewal): a dead node's slots free themselves.
    Duration leaseTtl = config.capacity().leaseTtl();
    return new RelaySettings(config.operations().apiKeyPrefix(), config.limits().requestMaxSizeBytes(),
        config.limits().requestTimeout(), config.limits().stickySessionTtl(), leaseTtl, buckets, cooldowns,
        Scheduler.MAX_FAILOVER_RETRIES,
        Duration.ofSeconds(5), config.admin().sessionTimeout(), config.server().trustProxy(), VERSION,
        config.capacity().queueDefaults());
  }

  /** DATA_DIR/model_pricing.json when present (operators may update it), else the bundled catalog. */
  private static PriceCatalog loadPrices(Path file) {
    PriceCatalog catalog = Files.isRegularFile(file) ? LiteLlmPriceFile.load(file) : LiteLlmPriceFile.bundled();
    LOG.info("price catalog: {} models", catalog.size());
    return catalog;
  }

  public int port() {
    return port;
  }

  /** Requests this node refused with 503 at its MAX_IN_FLIGHT ceiling since it started. */
  public long inFlightRefused() {
    return inFlight.refused();
  }

  // The ports this node built, for tests and tools (import checks, seeding, reading what a request left).

  public ApiKeyStore keys() {
    return ports.keys();
  }

  public AccountStore accounts() {
    return ports.accounts();
  }

  public AccountStateStore accountState() {
    return ports.accountState();
  }

  public UsageLedger ledger() {
    return ports.ledger();
  }

  public AdminStore admin() {
    return ports.admin();
  }

  public KeyHasher hasher() {
    return ports.hasher();
  }

  public SecretCipher cipher() {
    return ports.cipher();
  }

  /** The operator settings (alert channels, stored encrypted). */
  public SettingsStore settings() {
    return ports.stores().settings();
  }

  /** The watched alerts' checks, for tests that look now instead of waiting for the timer. */
  public AlertWatch alertWatch() {
    return alertWatch;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Graceful stop: new requests get 503 (Nginx retries them elsewhere), requests in flight get up
   * to {@code grace} to finish and settle, then everything closes.
   */
  public void stop(Duration grace) {
    GracefulStop.run(vertx, gate, inFlight, grace, onStop);
  }
}
