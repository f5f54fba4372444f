package io.clauderelay.server;

import io.clauderelay.crypto.AesGcmCipher;
import io.clauderelay.crypto.DecryptionCache;
import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.HmacKeyHasher;
import io.clauderelay.crypto.JwtService;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.bedrock.BedrockModels;
import io.clauderelay.providers.bedrock.BedrockUpstream;
import io.clauderelay.server.bedrock.ClaudeUpstreams;
import io.clauderelay.providers.common.UpstreamClients;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.alert.AlertSender;
import io.clauderelay.server.alert.AlertWatch;
import io.clauderelay.server.alert.Alerts;
import io.clauderelay.server.alert.WebhookConfigStore;
import io.clauderelay.server.alert.WebhookRoutes;
import io.clauderelay.server.admin.AdminAuthRoutes;
import io.clauderelay.server.admin.AdminGuard;
import io.clauderelay.server.admin.AccountActions;
import io.clauderelay.server.admin.AccountProbe;
import io.clauderelay.server.admin.AccountGroupRoutes;
import io.clauderelay.server.admin.ApiKeyAdminRoutes;
import io.clauderelay.server.admin.ApiKeyBatchRoutes;
import io.clauderelay.server.admin.ApiKeyLifecycleRoutes;
import io.clauderelay.server.admin.LoginGate;
import io.clauderelay.server.admin.RecordingAccountState;
import io.clauderelay.server.admin.ReportRoutes;
import io.clauderelay.server.stats.ApiStatsRoutes;
import io.clauderelay.server.admin.ClaudeOAuthAccountRoutes;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.oauth.ClusterLock;
import io.clauderelay.server.oauth.OAuthTokenRefresher;
import io.clauderelay.server.oauth.TokenEndpointClient;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.cli.InitFiles;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.config.UpstreamCooldowns;
import io.clauderelay.server.health.HealthRoute;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.HttpApiVerticle;
import io.clauderelay.server.http.RelayRouter;
import io.clauderelay.server.http.ShutdownGate;
import io.clauderelay.server.metrics.AccountStateGauges;
import io.clauderelay.server.metrics.MetricsRoute;
import io.clauderelay.server.metrics.RelayMetrics;
import io.clauderelay.server.metrics.TimedAdmissionStore;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.lease.LeaseRenewal;
import io.clauderelay.server.pricing.LiteLlmPriceFile;
import io.clauderelay.server.pricing.PriceCatalogHolder;
import io.clauderelay.server.pricing.PricingRefresher;
import io.clauderelay.server.admin.PricingRoutes;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.relay.ClaudeMessagesRoute;
import io.clauderelay.server.openai.ClaudeChatRoute;
import io.clauderelay.server.openai.OpenAiRoute;
import io.clauderelay.server.gemini.GeminiDispatch;
import io.clauderelay.server.gemini.GeminiRoute;
import io.clauderelay.server.routes.VendorModelLists;
import io.clauderelay.server.http.RouteTable;
import io.clauderelay.providers.openai.OpenAiUpstream;
import io.clauderelay.providers.gemini.GeminiUpstream;
import java.util.Map;
import io.clauderelay.server.relay.InFlight;
import io.clauderelay.server.relay.RelayFlow;
import io.clauderelay.server.relay.UsageRecorder;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.clauderelay.server.routes.ModelList;
import io.clauderelay.server.store.EmbeddedStores;
import io.clauderelay.server.store.PatientAdmission;
import io.clauderelay.server.store.RedisBackedStores;
import io.clauderelay.server.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: builds stores, crypto, pricing, the upstream client and every route
 * handler (each given only what it uses) from the configuration, starts the HTTP verticles, and
 * stops them gracefully ({@link GracefulStop}).
 *
 * <p>Over 300 lines on purpose: every object of the relay is built here and nowhere else, and
 * reading the whole wiring in one file is the point of a composition root.
 */
public final class RelayApp {
  private static final Logger LOG = LoggerFactory.getLogger(RelayApp.class);
  public static final String VERSION = "0.1.0";
  private static final int JOURNAL_CAPACITY = 100_000;
  private static final Duration ADMISSION_PATIENCE = Duration.ofSeconds(10);
  /** TCP connect to an upstream (time queued for a pooled connection is not counted: there is no queue). */
  private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 10_000;
  /** How long a starting node retries its first store call (the admin seed) before giving up. */
  private static final Duration STARTUP_STORE_PATIENCE = Duration.ofSeconds(30);
  /** How often the alert watch looks at recoveries, the journal and failed store calls (quotas every 4th time). */
  private static final Duration ALERT_WATCH_INTERVAL = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final RelayServices services;
  private final ShutdownGate gate;
  private final InFlight inFlight;
  private final int port;
  private final Consumer<Duration> onStop;
  private io.clauderelay.domain.port.SettingsStore settings;

  private RelayApp(Vertx vertx, RelayServices services, ShutdownGate gate, InFlight inFlight, int port,
      Consumer<Duration> onStop) {
    this.vertx = vertx;
    this.services = services;
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
          clock,
          config.operations().zoneOffset());
      RelayObserver observer = RelayObserver.all(java.util.List.of(metrics.meters(), alerts));
      JournalingUsageLedger ledger = new JournalingUsageLedger(stores.ledger(), JOURNAL_CAPACITY);
      // Only a shared store can be briefly away (failover); the embedded one answers or is broken.
      AdmissionStore admission = new TimedAdmissionStore(config.store().mode() == StoreMode.EMBEDDED
          ? stores.admission()
          : new PatientAdmission(stores.admission(), vertx, ADMISSION_PATIENCE, Duration.ofMillis(250)), observer);
      metrics.bindJournal(ledger);
      // Cool-downs also go to the shared error log, so every node's admin API shows every node's.
      // Concurrency slots are short leases this node renews while their requests live (issue 14).
      LeaseRenewal leases = new LeaseRenewal(clock, config.capacity().leaseTtl());
      RelayServices services = new RelayServices(stores.keys(), leases.admission(admission), leases.ledger(ledger),
          stores.accounts(),
          leases
              .accountSlots(new RecordingAccountState(stores.accountState(), stores.accountErrors(), clock, observer)),
          stores.admin(), new HmacKeyHasher(encryptionKey),
          cipher, prices, new CostCalculator(prices, CostCalculator.DEFAULT_FALLBACK), clock);
      seedAdmin(config, services);

      RelaySettings settings = settings(config, buckets);
      // No pool cap below the in-flight ceiling: a request never queues behind long streams for a connection.
      UpstreamClients upstream = UpstreamClients.create(vertx, config.capacity().maxInFlight(),
          UPSTREAM_CONNECT_TIMEOUT_MS);
      HttpClientAgent http = upstream.plain();
      ShutdownGate gate = new ShutdownGate();
      InFlight inFlight = new InFlight(config.capacity().maxInFlight());
      metrics.bindInFlight(inFlight::count);
      ClientKeyAuthenticator auth = new ClientKeyAuthenticator(services.keys(), services.hasher(),
          settings.apiKeyPrefix(),
          settings.keyCacheTtl(), config.secrets().crsEncryptionKey() == null
              ? null
              : new io.clauderelay.crypto.crs.CrsKeyHasher(config.secrets().crsEncryptionKey().reveal()));
      KeyChanges keyChanges = new KeyChanges(auth, stores.cluster());
      stores.cluster().onInvalidation(keyChanges::onRemote);
      AccountProxies proxies = new AccountProxies(services.cipher());
      ClaudeOAuthAccounts oauth = claudeOAuth(vertx, config, services, http, stores, proxies, observer);
      PricingRefresher pricing = new PricingRefresher(vertx, http, config.operations().pricingUrl(),
          config.operations().pricingRefresh(), prices,
          Files.isRegularFile(priceFile) ? priceFile.toString() : "bundled",
          stores.priceFile(), clusterLock(stores), clock);
      Router router = RelayRouter.build(vertx, settings.maxBodyBytes(), gate,
          routes(vertx, config, services, settings, upstream,
              inFlight, auth, keyChanges, stores, oauth, proxies, new PricingRoutes(prices, pricing, clock), observer));
      new WebhookRoutes(webhookConfigs, alerts, alertSender, clock).mount(router);
      AccountStateGauges accountGauges = new AccountStateGauges(metrics.registry(), services.accounts(),
          services.accountState(), clock);
      router.get("/metrics").handler(new MetricsRoute(metrics.registry(),
          config.metrics().token().map(io.clauderelay.server.config.Secret::reveal), accountGauges::refresh)::handle);
      AtomicInteger actualPort = new AtomicInteger(config.server().port());
      vertx.deployVerticle(
          () -> new HttpApiVerticle(router, config.server().host(), config.server().port(), actualPort::set),
          new DeploymentOptions().setInstances(Math.max(1, instances))).await();
      PeriodicJobs jobs = PeriodicJobs.start(vertx, services, stores.cluster(), ledger, clock,
          config.operations().cleanupInterval());
      pricing.start();
      leases.start(vertx, config.capacity().leaseRenewInterval());
      long alertTimer = new AlertWatch(alerts, services.accounts(), services.accountState(), services.keys(), ledger,
          ledger,
          buckets, clock).start(vertx, ALERT_WATCH_INTERVAL, stores.cluster()::tryLock);
      LOG.info("Claude Relay {} listening on http://{}:{}", VERSION, config.server().host(), actualPort.get());
      RelayApp app = new RelayApp(vertx, services, gate, inFlight, actualPort.get(), settleBound -> {
        jobs.stop();
        vertx.cancelTimer(alertTimer);
        pricing.stop();
        leases.stop();
        GracefulStop.settleAll(ledger, settleBound);
        GracefulStop.bounded("closing the store", stores.cluster().close().toCompletableFuture(),
            Duration.ofSeconds(2));
      });
      app.settings = stores.settings();
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
        Duration.ofSeconds(5), config.admin().sessionTimeout(), config.server().trustProxy(), VERSION);
  }

  /** Every route handler, each given only what it uses, in the one route table. */
  private static RouteTable routes(Vertx vertx, RelayConfig config, RelayServices s, RelaySettings settings,
      UpstreamClients upstream, InFlight inFlight, ClientKeyAuthenticator auth, KeyChanges keyChanges,
      Stores stores, ClaudeOAuthAccounts oauth, AccountProxies proxies, PricingRoutes pricing,
      RelayObserver observer) {
    UpstreamHttp upstreamHttp = new UpstreamHttp(upstream, settings.requestTimeout().toMillis());
    BedrockUpstream bedrock = new BedrockUpstream(upstreamHttp, new BedrockModels(config.bedrock().modelMap()),
        s.clock());
    ClaudeUpstreams anthropic = new ClaudeUpstreams(new AnthropicUpstream(upstreamHttp), bedrock);
    OpenAiUpstream openAi = new OpenAiUpstream(upstreamHttp);
    GeminiUpstream gemini = new GeminiUpstream(upstreamHttp);
    UsageRecorder recorder = new UsageRecorder(s, settings.buckets(), observer);
    JwtService jwt = new JwtService(config.secrets().jwtSecret().reveal(), s.clock());
    ModelList models;
    try {
      models = ModelList.load(config.server().dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read supported_models.json", e);
    }
    KeySelfRoutes self = new KeySelfRoutes(s, settings, auth, recorder, models);
    ApiKeyGenerator generator = new ApiKeyGenerator(settings.apiKeyPrefix());
    AccountProbe probe = new AccountProbe(s.cipher(), upstreamHttp, bedrock, oauth, proxies);
    RelayFlow.Deps deps = new RelayFlow.Deps(s, settings, auth, keyChanges, recorder, inFlight, oauth, proxies,
        observer);
    return new RouteTable(
        new RelayFlow(deps, new ClaudeMessagesRoute(anthropic, false)),
        new RelayFlow(deps, new ClaudeMessagesRoute(anthropic, true)),
        self,
        new HealthRoute(VERSION, () -> Async.from(stores.cluster().health())),
        new RelayFlow(deps, new ClaudeChatRoute(anthropic)),
        new RelayFlow(deps, OpenAiRoute.chat(openAi)),
        new RelayFlow(deps, OpenAiRoute.geminiChat(openAi)),
        new RelayFlow(deps, OpenAiRoute.responses(openAi)),
        new GeminiDispatch(Map.of(
            "generateContent", new RelayFlow(deps, new GeminiRoute(gemini, "generateContent")),
            "streamGenerateContent", new RelayFlow(deps, new GeminiRoute(gemini, "streamGenerateContent")),
            "countTokens", new RelayFlow(deps, new GeminiRoute(gemini, "countTokens")))),
        new VendorModelLists(auth, models, s.clock()),
        new AdminAuthRoutes(vertx, s.admin(), jwt, settings.adminSessionTtl(),
            new LoginGate(stores.loginThrottle(), settings.trustProxy(), observer)),
        new AdminGuard(jwt, s.admin()),
        new ApiKeyAdminRoutes(s, generator, keyChanges),
        new ApiKeyLifecycleRoutes(s, generator, keyChanges),
        new ApiKeyBatchRoutes(s, keyChanges),
        new AccountAdminRoutes(s, AccountType.CLAUDE_CONSOLE),
        new AccountAdminRoutes(s, AccountType.OPENAI),
        new AccountAdminRoutes(s, AccountType.GEMINI),
        new AccountAdminRoutes(s, AccountType.BEDROCK),
        new ClaudeOAuthAccountRoutes(s, oauth),
        Map.of(
            "claude-console-accounts", new AccountActions(s, AccountType.CLAUDE_CONSOLE, probe, stores.accountErrors()),
            "claude-accounts", new AccountActions(s, AccountType.CLAUDE_OAUTH, probe, stores.accountErrors()),
            "openai-responses-accounts", new AccountActions(s, AccountType.OPENAI, probe, stores.accountErrors()),
            "gemini-api-accounts", new AccountActions(s, AccountType.GEMINI, probe, stores.accountErrors()),
            "bedrock-accounts", new AccountActions(s, AccountType.BEDROCK, probe, stores.accountErrors())),
        new AccountGroupRoutes(s),
        new ReportRoutes(s, settings.buckets()),
        pricing,
        new ApiStatsRoutes(auth, self, s.clock()));
  }

  /** Subscription accounts: token endpoint client, refresher under the store's cluster lock, onboarding sessions. */
  private static ClaudeOAuthAccounts claudeOAuth(Vertx vertx, RelayConfig config, RelayServices s, HttpClientAgent http,
      Stores stores, AccountProxies proxies, RelayObserver observer) {
    TokenEndpointClient tokens = new TokenEndpointClient(http, config.claudeOAuth().settings());
    OAuthTokenRefresher refresher = new OAuthTokenRefresher(vertx, s.accounts(), s.accountState(), s.cipher(), tokens,
        clusterLock(stores), proxies, s.clock(), observer);
    return new ClaudeOAuthAccounts(config.claudeOAuth().settings(), tokens, refresher, stores.oauthSessions(),
        s.accounts(),
        s.accountState(), s.clock());
  }

  /** The store's job lock as the background jobs that run on one node at a time see it. */
  private static ClusterLock clusterLock(Stores stores) {
    return new ClusterLock() {
      @Override
      public java.util.concurrent.CompletionStage<Boolean> tryLock(String name, String owner, Duration ttl) {
        return stores.cluster().tryLock(name, owner, ttl);
      }

      @Override
      public java.util.concurrent.CompletionStage<Void> unlock(String name, String owner) {
        return stores.cluster().unlock(name, owner);
      }
    };
  }

  /** DATA_DIR/model_pricing.json when present (operators may update it), else the bundled catalog. */
  private static PriceCatalog loadPrices(Path file) {
    PriceCatalog catalog = Files.isRegularFile(file) ? LiteLlmPriceFile.load(file) : LiteLlmPriceFile.bundled();
    LOG.info("price catalog: {} models", catalog.size());
    return catalog;
  }

  /** init.json seeds an empty store only; afterwards the store is the truth (password changes live there). */
  private static void seedAdmin(RelayConfig config, RelayServices s) {
    InitFiles.read(config.server().dataDir()).ifPresentOrElse(
        init -> seedPatiently(() -> s.admin().seedCredentials(
            new AdminCredentials(init.adminUsername(), init.passwordHash(), Instant.now())).toCompletableFuture()
            .join()),
        () -> LOG.warn("no {} in {}: run './relay init' to create the admin account", InitFiles.INIT_FILE,
            config.server().dataDir()));
  }

  /**
   * The first store call of a node: a shared store may be mid-failover (~7 s) or slow on a loaded
   * host, so it is retried for a while instead of ending the process at the first timeout.
   */
  private static void seedPatiently(Runnable seed) {
    long deadline = System.nanoTime() + STARTUP_STORE_PATIENCE.toNanos();
    while (true) {
      try {
        seed.run();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() >= deadline) throw e;
        LOG.warn("store not ready at start ({}); retrying", String.valueOf(e.getCause() == null ? e : e.getCause()));
        GracefulStop.sleep(1000);
      }
    }
  }

  public int port() {
    return port;
  }

  /** Requests this node refused with 503 at its MAX_IN_FLIGHT ceiling since it started. */
  public long inFlightRefused() {
    return inFlight.refused();
  }

  public RelayServices services() {
    return services;
  }

  /** The operator settings (alert channels, stored encrypted): for tests and tools. */
  public io.clauderelay.domain.port.SettingsStore settings() {
    return settings;
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

  /** See {@link GracefulStop#settleAll}. */
  static void settleAll(JournalingUsageLedger ledger, Duration bound) {
    GracefulStop.settleAll(ledger, bound);
  }
}
