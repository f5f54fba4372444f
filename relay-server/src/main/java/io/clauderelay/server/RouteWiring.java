package io.clauderelay.server;

import io.clauderelay.crypto.ApiKeyGenerator;
import io.clauderelay.crypto.JwtService;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.bedrock.BedrockModels;
import io.clauderelay.providers.bedrock.BedrockUpstream;
import io.clauderelay.providers.common.UpstreamClients;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.providers.openai.OpenAiUpstream;
import io.clauderelay.server.admin.AccountActions;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.admin.AccountGroupRoutes;
import io.clauderelay.server.admin.AccountProbe;
import io.clauderelay.server.admin.AdminAuthRoutes;
import io.clauderelay.server.admin.AdminGuard;
import io.clauderelay.server.admin.ApiKeyAdminRoutes;
import io.clauderelay.server.admin.ApiKeyBatchRoutes;
import io.clauderelay.server.admin.ApiKeyLifecycleRoutes;
import io.clauderelay.server.admin.ClaudeOAuthAccountRoutes;
import io.clauderelay.server.admin.LoginGate;
import io.clauderelay.server.admin.PricingRoutes;
import io.clauderelay.server.admin.ActivityRoutes;
import io.clauderelay.server.admin.ReportRoutes;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.cloud.CloudRoute;
import io.clauderelay.server.cloud.CloudRoute.Door;
import io.clauderelay.server.cloud.CloudUpstreams;
import io.clauderelay.providers.vertex.VertexAccessTokens;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.gemini.GeminiDispatch;
import io.clauderelay.server.gemini.GeminiRoute;
import io.clauderelay.server.health.HealthRoute;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.RouteTable;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.oauth.ClusterLock;
import io.clauderelay.server.oauth.OAuthTokenRefresher;
import io.clauderelay.server.oauth.TokenEndpointClient;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.openai.ClaudeChatRoute;
import io.clauderelay.server.openai.OpenAiRoute;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.relay.ClaudeMessagesRoute;
import io.clauderelay.server.relay.InFlight;
import io.clauderelay.server.health.AccountHealthChecks;
import io.clauderelay.server.relay.AdmissionLine;
import io.clauderelay.server.relay.RelayFlow;
import io.clauderelay.server.relay.UpstreamTargets;
import io.clauderelay.server.relay.UsageRecorder;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.clauderelay.server.routes.ModelList;
import io.clauderelay.server.routes.VendorModelLists;
import io.clauderelay.server.stats.ApiStatsRoutes;
import io.clauderelay.server.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The composition root's route half: every route handler and what it needs (the vendor clients, the
 * relay flows, the admin routes, subscription accounts), each handed only the ports it uses, in the
 * one {@link RouteTable}.
 */
final class RouteWiring {
  private RouteWiring() {}

  /** What the routes share that {@link RelayApp} builds first. */
  record Shared(Vertx vertx, RelayConfig config, StorePorts p, RelaySettings settings, UpstreamClients upstream,
      InFlight inFlight, ClientKeyAuthenticator auth, KeyChanges keyChanges, ClaudeOAuthAccounts oauth,
      AccountProxies proxies, RelayObserver observer, AdmissionLine line) {}

  static RouteTable routes(Shared c, PricingRoutes pricing) {
    StorePorts p = c.p();
    RelaySettings settings = c.settings();
    UpstreamHttp upstreamHttp = new UpstreamHttp(c.upstream(), settings.requestTimeout().toMillis());
    AnthropicUpstream anthropic = new AnthropicUpstream(upstreamHttp);
    OpenAiUpstream openAi = new OpenAiUpstream(upstreamHttp);
    GeminiUpstream gemini = new GeminiUpstream(upstreamHttp);
    UsageRecorder recorder = new UsageRecorder(p.admission(), p.ledger(), p.costs(), p.clock(), settings.buckets(),
        c.observer());
    JwtService jwt = new JwtService(c.config().secrets().jwtSecret().reveal(), p.clock());
    ModelList models = models(c.config());
    KeySelfRoutes self = new KeySelfRoutes(p.ledger(), p.clock(), settings, c.auth(), recorder, models);
    ApiKeyGenerator generator = new ApiKeyGenerator(settings.apiKeyPrefix());
    // Azure OpenAI, Vertex AI and Bedrock accounts: their calls, the Vertex access tokens cached for every
    // route, Bedrock's model names (BEDROCK_MODEL_MAP over the built-in table).
    CloudUpstreams cloud = cloudUpstreams(c, upstreamHttp);
    AccountProbe probe = new AccountProbe(p.cipher(), upstreamHttp, c.oauth(), c.proxies(), cloud);
    RelayFlow.Deps deps = new RelayFlow.Deps(p.keys(), p.admission(), p.accounts(), p.accountState(), p.prices(),
        p.clock(), settings, c.auth(), c.keyChanges(), recorder, c.inFlight(),
        new UpstreamTargets(p.cipher(), c.oauth(), c.proxies()), c.oauth(), c.observer(), c.line(),
        p.stores().turns());
    Stores stores = p.stores();
    return new RouteTable(
        new RelayFlow(deps, new CloudRoute(new ClaudeMessagesRoute(anthropic, false), Door.MESSAGES, cloud)),
        new RelayFlow(deps, new CloudRoute(new ClaudeMessagesRoute(anthropic, true), Door.COUNT_TOKENS, cloud)),
        self,
        new HealthRoute(RelayApp.VERSION, () -> Async.from(stores.cluster().health())),
        new RelayFlow(deps, new CloudRoute(new ClaudeChatRoute(anthropic), Door.MESSAGES, cloud)),
        new RelayFlow(deps, new CloudRoute(OpenAiRoute.chat(openAi), Door.CHAT, cloud)),
        new RelayFlow(deps, OpenAiRoute.geminiChat(openAi)),
        new RelayFlow(deps, new CloudRoute(OpenAiRoute.responses(openAi), Door.RESPONSES, cloud)),
        new GeminiDispatch(Map.of(
            "generateContent", new RelayFlow(deps, new GeminiRoute(gemini, "generateContent")),
            "streamGenerateContent", new RelayFlow(deps, new GeminiRoute(gemini, "streamGenerateContent")),
            "countTokens", new RelayFlow(deps, new GeminiRoute(gemini, "countTokens")))),
        new VendorModelLists(c.auth(), models, p.clock()),
        new AdminAuthRoutes(c.vertx(), p.admin(), jwt, settings.adminSessionTtl(),
            new LoginGate(stores.loginThrottle(), settings.trustProxy(), c.observer())),
        new AdminGuard(jwt, p.admin()),
        new ApiKeyAdminRoutes(p.keys(), p.hasher(), p.clock(), generator, c.keyChanges()),
        new ApiKeyLifecycleRoutes(p.keys(), p.hasher(), p.clock(), generator, c.keyChanges()),
        new ApiKeyBatchRoutes(p.keys(), p.clock(), c.keyChanges()),
        accountRoutes(p, AccountType.CLAUDE_CONSOLE),
        accountRoutes(p, AccountType.OPENAI),
        accountRoutes(p, AccountType.GEMINI),
        new ClaudeOAuthAccountRoutes(p.accounts(), p.accountState(), p.cipher(), p.clock(), c.oauth()),
        Map.of(
            "claude-console-accounts", accountActions(p, AccountType.CLAUDE_CONSOLE, probe),
            "claude-accounts", accountActions(p, AccountType.CLAUDE_OAUTH, probe),
            "openai-responses-accounts", accountActions(p, AccountType.OPENAI, probe),
            "gemini-api-accounts", accountActions(p, AccountType.GEMINI, probe),
            "azure-openai-accounts", accountActions(p, AccountType.AZURE_OPENAI, probe),
            "vertex-accounts", accountActions(p, AccountType.VERTEX, probe),
            "bedrock-accounts", accountActions(p, AccountType.BEDROCK, probe)),
        Map.of("azure-openai-accounts", accountRoutes(p, AccountType.AZURE_OPENAI),
            "vertex-accounts", accountRoutes(p, AccountType.VERTEX),
            "bedrock-accounts", accountRoutes(p, AccountType.BEDROCK)),
        new AccountGroupRoutes(p.accounts(), p.clock()),
        new ReportRoutes(p.keys(), p.accounts(), p.accountState(), p.ledger(), p.clock(), settings.buckets()),
        new ActivityRoutes(p.keys(), p.accounts(), p.ledger(), self, settings.buckets(), p.clock(),
            settings.queueDefaults(), c.line()::length),
        pricing,
        new ApiStatsRoutes(c.auth(), self, p.clock()));
  }

  private static AccountAdminRoutes accountRoutes(StorePorts p, AccountType type) {
    return new AccountAdminRoutes(p.accounts(), p.accountState(), p.cipher(), p.clock(), type);
  }

  private static AccountActions accountActions(StorePorts p, AccountType type, AccountProbe probe) {
    return new AccountActions(p.accounts(), p.accountState(), p.cipher(), p.clock(), type, probe,
        p.stores().accountErrors());
  }

  private static ModelList models(RelayConfig config) {
    try {
      return ModelList.load(config.server().dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read supported_models.json", e);
    }
  }

  /** Subscription accounts: token endpoint client, refresher under the store's cluster lock, onboarding sessions. */
  static ClaudeOAuthAccounts claudeOAuth(Vertx vertx, RelayConfig config, StorePorts p, HttpClientAgent http,
      AccountProxies proxies, RelayObserver observer) {
    TokenEndpointClient tokens = new TokenEndpointClient(http, config.claudeOAuth().settings());
    OAuthTokenRefresher refresher = new OAuthTokenRefresher(vertx, p.accounts(), p.accountState(), p.cipher(), tokens,
        clusterLock(p.stores()), proxies, p.clock(), observer);
    return new ClaudeOAuthAccounts(config.claudeOAuth().settings(), tokens, refresher, p.stores().oauthSessions(),
        p.accounts(), p.accountState(), p.stores().windows(), p.clock());
  }

  /** The scheduled account health checks, with their own probe over the routes' upstream client. */
  static AccountHealthChecks accountHealthChecks(Shared c) {
    StorePorts p = c.p();
    UpstreamHttp upstreamHttp = new UpstreamHttp(c.upstream(), c.settings().requestTimeout().toMillis());
    // Its own Vertex token cache: at most one more token fetch per Vertex account and token lifetime.
    AccountProbe probe = new AccountProbe(p.cipher(), upstreamHttp, c.oauth(), c.proxies(),
        cloudUpstreams(c, upstreamHttp));
    return new AccountHealthChecks(p.accounts(), p.accountState(), p.stores().accountErrors(), probe,
        clusterLock(p.stores()), p.clock());
  }

  /** How Azure OpenAI, Vertex AI and Bedrock accounts are called over {@code http}. */
  private static CloudUpstreams cloudUpstreams(Shared c, UpstreamHttp http) {
    return new CloudUpstreams(http, new VertexAccessTokens(c.vertx(), http, c.p().clock()),
        new BedrockUpstream(http, new BedrockModels(c.config().bedrock().modelMap()), c.p().clock()));
  }

  /** The store's job lock as the background jobs that run on one node at a time see it. */
  static ClusterLock clusterLock(Stores stores) {
    return new ClusterLock() {
      @Override
      public CompletionStage<Boolean> tryLock(String name, String owner, Duration ttl) {
        return stores.cluster().tryLock(name, owner, ttl);
      }

      @Override
      public CompletionStage<Void> unlock(String name, String owner) {
        return stores.cluster().unlock(name, owner);
      }
    };
  }
}
