package io.clauderelay.server;

import io.clauderelay.crypto.AesGcmCipher;
import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.HmacKeyHasher;
import io.clauderelay.crypto.JwtService;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryAccountStore;
import io.clauderelay.domain.memory.InMemoryAdminStore;
import io.clauderelay.domain.memory.InMemoryApiKeyStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.memory.InMemoryStickySessionStore;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.admin.AdminAuthRoutes;
import io.clauderelay.server.admin.AdminGuard;
import io.clauderelay.server.admin.ApiKeyAdminRoutes;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.cli.InitFiles;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.config.UpstreamCooldowns;
import io.clauderelay.server.health.HealthRoute;
import io.clauderelay.server.http.HttpApiVerticle;
import io.clauderelay.server.http.RelayRouter;
import io.clauderelay.server.http.ShutdownGate;
import io.clauderelay.server.pricing.LiteLlmPriceFile;
import io.clauderelay.server.pricing.PriceCatalogHolder;
import io.clauderelay.server.relay.ClaudeMessagesHandler;
import io.clauderelay.server.relay.InFlight;
import io.clauderelay.server.relay.UsageRecorder;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.clauderelay.server.routes.ModelList;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: builds stores, crypto, pricing, the upstream client and the routes
 * from the configuration, starts the HTTP verticles, and stops them gracefully.
 */
public final class RelayApp {
  private static final Logger LOG = LoggerFactory.getLogger(RelayApp.class);
  public static final String VERSION = "0.1.0";

  private final Vertx vertx;
  private final RelayServices services;
  private final ShutdownGate gate;
  private final InFlight inFlight;
  private final int port;
  private final Runnable onStop;

  private RelayApp(Vertx vertx, RelayServices services, ShutdownGate gate, InFlight inFlight, int port, Runnable onStop) {
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
    if (config.store().mode() != StoreMode.EMBEDDED) {
      throw new IllegalStateException("Redis store modes are not available in this build; unset REDIS_HOST and "
          + "REDIS_SENTINEL_ENABLED to use the embedded store");
    }
    Clock clock = Clock.systemUTC();
    EncryptionKey encryptionKey = EncryptionKey.parse(config.secrets().encryptionKey().reveal());
    TimeBuckets buckets = new TimeBuckets(config.operations().zoneOffset());
    PriceCatalogHolder prices = new PriceCatalogHolder(loadPrices(config.server().dataDir()));
    InMemoryLedger ledger = new InMemoryLedger();
    RelayServices services = new RelayServices(new InMemoryApiKeyStore(), ledger, ledger, new InMemoryAccountStore(),
        new InMemoryAccountStateStore(buckets), new InMemoryStickySessionStore(clock), new InMemoryAdminStore(),
        new HmacKeyHasher(encryptionKey), new AesGcmCipher(encryptionKey), prices,
        new CostCalculator(prices, CostCalculator.DEFAULT_FALLBACK), clock);
    seedAdmin(config, services);

    RelaySettings settings = settings(config, buckets);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, instances)));
    try {
      HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
          .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(10_000));
      ShutdownGate gate = new ShutdownGate();
      InFlight inFlight = new InFlight();
      Router router = RelayRouter.build(vertx, routes(vertx, config, services, settings, http, gate, inFlight));
      AtomicInteger actualPort = new AtomicInteger(config.server().port());
      vertx.deployVerticle(() -> new HttpApiVerticle(router, config.server().host(), config.server().port(), actualPort::set),
          new DeploymentOptions().setInstances(Math.max(1, instances))).await();
      long timer = vertx.setPeriodic(config.operations().cleanupInterval().toMillis(), id -> {
        int purged = ledger.purgeExpired(clock.instant());
        if (purged > 0) LOG.info("cleanup: released {} expired leases", purged);
      });
      LOG.info("Claude Relay {} listening on http://{}:{}", VERSION, config.server().host(), actualPort.get());
      return new RelayApp(vertx, services, gate, inFlight, actualPort.get(), () -> vertx.cancelTimer(timer));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static RelaySettings settings(RelayConfig config, TimeBuckets buckets) {
    UpstreamCooldowns c = config.cooldowns();
    CooldownPolicy cooldowns = new CooldownPolicy(c.on503(), c.on5xx(), c.onOverload(), c.onAuthError(), c.onTimeout(),
        CooldownPolicy.DEFAULTS.rateLimited(), c.maxCustom());
    // A lease outlives the longest request the relay lets run, so a live stream keeps its slot.
    Duration leaseTtl = config.limits().requestTimeout().plusMinutes(5);
    return new RelaySettings(config.operations().apiKeyPrefix(), config.limits().requestMaxSizeBytes(),
        config.limits().requestTimeout(), config.limits().stickySessionTtl(), leaseTtl, buckets, cooldowns, 2,
        Duration.ofSeconds(5), config.admin().sessionTimeout(), config.server().trustProxy(), VERSION);
  }

  private static RelayRouter.Routes routes(Vertx vertx, RelayConfig config, RelayServices s, RelaySettings settings,
      HttpClientAgent http, ShutdownGate gate, InFlight inFlight) {
    ClientKeyAuthenticator auth = new ClientKeyAuthenticator(s.keys(), s.hasher(), settings.apiKeyPrefix(), settings.keyCacheTtl());
    AnthropicUpstream anthropic = new AnthropicUpstream(new UpstreamHttp(http, settings.requestTimeout().toMillis(), 10_000));
    UsageRecorder recorder = new UsageRecorder(s, settings.buckets());
    JwtService jwt = new JwtService(config.secrets().jwtSecret().reveal(), s.clock());
    ModelList models;
    try {
      models = ModelList.load(config.server().dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read supported_models.json", e);
    }
    return new RelayRouter.Routes(
        settings.maxBodyBytes(),
        new ClaudeMessagesHandler(s, settings, auth, anthropic, recorder, inFlight, false),
        new ClaudeMessagesHandler(s, settings, auth, anthropic, recorder, inFlight, true),
        new KeySelfRoutes(s, settings, auth, recorder, models),
        new HealthRoute(VERSION, () -> Future.succeededFuture(new HealthRoute.StoreHealth(true, "embedded", 0, null))),
        new AdminAuthRoutes(vertx, s.admin(), jwt, settings.adminSessionTtl()),
        new AdminGuard(jwt, s.admin()),
        new ApiKeyAdminRoutes(s, new ApiKeyGenerator(settings.apiKeyPrefix())),
        new AccountAdminRoutes(s, AccountType.CLAUDE_CONSOLE),
        gate);
  }

  /** DATA_DIR/model_pricing.json when present (operators may update it), else the bundled catalog. */
  private static PriceCatalog loadPrices(Path dataDir) {
    Path file = dataDir.resolve("model_pricing.json");
    PriceCatalog catalog = Files.isRegularFile(file) ? LiteLlmPriceFile.load(file) : LiteLlmPriceFile.bundled();
    LOG.info("price catalog: {} models", catalog.size());
    return catalog;
  }

  /** init.json seeds an empty store only; afterwards the store is the truth (password changes live there). */
  private static void seedAdmin(RelayConfig config, RelayServices s) {
    InitFiles.read(config.server().dataDir()).ifPresentOrElse(
        init -> s.admin().seedCredentials(new AdminCredentials(init.adminUsername(), init.passwordHash(), Instant.now()))
            .toCompletableFuture().join(),
        () -> LOG.warn("no {} in {}: run './relay init' to create the admin account", InitFiles.INIT_FILE,
            config.server().dataDir()));
  }

  public int port() {
    return port;
  }

  public RelayServices services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Graceful stop: new requests get 503 (Nginx retries them elsewhere), requests in flight get up
   * to {@code grace} to finish and settle, then everything closes.
   */
  public void stop(Duration grace) {
    gate.close();
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.count() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.count() > 0) LOG.warn("stopping with {} requests still in flight", inFlight.count());
    onStop.run();
    vertx.close().await();
  }
}
