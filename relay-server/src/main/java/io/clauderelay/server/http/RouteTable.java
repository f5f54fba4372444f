package io.clauderelay.server.http;

import io.clauderelay.domain.Provider;
import io.clauderelay.server.admin.AccountActions;
import io.clauderelay.server.admin.ActivityRoutes;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.admin.AccountGroupRoutes;
import io.clauderelay.server.admin.AdminAuthRoutes;
import io.clauderelay.server.admin.AdminGuard;
import io.clauderelay.server.admin.ApiKeyAdminRoutes;
import io.clauderelay.server.admin.ApiKeyBatchRoutes;
import io.clauderelay.server.admin.ApiKeyLifecycleRoutes;
import io.clauderelay.server.admin.ClaudeOAuthAccountRoutes;
import io.clauderelay.server.admin.PricingRoutes;
import io.clauderelay.server.admin.ReportRoutes;
import io.clauderelay.server.console.WebPages;
import io.clauderelay.server.gemini.GeminiDispatch;
import io.clauderelay.server.health.HealthRoute;
import io.clauderelay.server.openai.ChatCompletionsDispatch;
import io.clauderelay.server.relay.RelayHandler;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.clauderelay.server.routes.VendorModelLists;
import io.clauderelay.server.stats.ApiStatsRoutes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Every route of the relay, in one place: which method and path go to which handler. The handlers
 * are built by the composition root ({@code RelayApp}); the cross-cutting handlers and catch-alls
 * are {@link RelayRouter}'s. Order matters where paths overlap: fixed paths come before
 * {@code :keyId}, and every {@code /admin/*} route after the admin guard.
 */
public record RouteTable(
    RelayHandler messages,
    RelayHandler countTokens,
    KeySelfRoutes self,
    HealthRoute health,
    RelayHandler claudeChat,
    RelayHandler openAiChat,
    RelayHandler geminiChat,
    RelayHandler responses,
    GeminiDispatch gemini,
    VendorModelLists vendorModels,
    AdminAuthRoutes adminAuth,
    AdminGuard adminGuard,
    ApiKeyAdminRoutes apiKeys,
    ApiKeyLifecycleRoutes keyLifecycle,
    ApiKeyBatchRoutes keyBatches,
    AccountAdminRoutes consoleAccounts,
    AccountAdminRoutes openAiAccounts,
    AccountAdminRoutes geminiAccounts,
    ClaudeOAuthAccountRoutes oauthAccounts,
    Map<String, AccountActions> accountsByPath,
    /** Account types added with the cloud providers, by their admin path segment (azure-openai-accounts, bedrock-accounts, …). */
    Map<String, AccountAdminRoutes> cloudAccounts,
    AccountGroupRoutes groups,
    ReportRoutes reports,
    ActivityRoutes activity,
    PricingRoutes pricing,
    ApiStatsRoutes apiStats) {

  void mount(Router router) {
    Handler<RoutingContext> messagesEndpoint = new RelayEndpoint(messages);
    Handler<RoutingContext> countTokensEndpoint = new RelayEndpoint(countTokens);
    Handler<RoutingContext> responsesEndpoint = new RelayEndpoint(responses);
    for (String prefix : new String[]{"/api", "/claude", "/api/claude"}) {
      router.post(prefix + "/v1/messages").handler(messagesEndpoint);
      router.post(prefix + "/v1/messages/count_tokens").handler(countTokensEndpoint);
      router.get(prefix + "/v1/models").handler(self::models);
      router.get(prefix + "/v1/key-info").handler(self::keyInfo);
      router.get(prefix + "/v1/usage").handler(self::usage);
      router.get(prefix + "/v1/me").handler(self::me);
    }
    router.post("/api/event_logging/batch")
        .handler(rc -> rc.response().putHeader("content-type", "application/json").end("{\"success\":true}"));
    router.get("/health").handler(health::handle);

    router.post("/openai/claude/v1/chat/completions").handler(new RelayEndpoint(claudeChat));
    router.get("/openai/claude/v1/models").handler(vendorModels::claudeAsOpenAi);
    router.post("/api/v1/chat/completions")
        .handler(new RelayEndpoint(new ChatCompletionsDispatch(claudeChat, openAiChat, geminiChat, Provider.CLAUDE)));
    router.post("/openai/v1/chat/completions")
        .handler(new RelayEndpoint(new ChatCompletionsDispatch(claudeChat, openAiChat, geminiChat, Provider.OPENAI)));
    router.post("/openai/v1/responses").handler(responsesEndpoint);
    router.post("/openai/responses").handler(responsesEndpoint);
    router.postWithRegex(GeminiDispatch.PATH_REGEX).handler(gemini);
    router.get("/gemini/v1beta/models").handler(vendorModels::gemini);
    router.get("/gemini/v1/models").handler(vendorModels::gemini);

    router.post("/web/auth/login").handler(adminAuth::login);
    router.post("/web/auth/logout").handler(adminAuth::logout);
    router.route("/admin/*").handler(adminGuard::handle);
    router.post("/web/auth/change-password").handler(adminGuard::handle).handler(adminAuth::changePassword);

    // Before /admin/api-keys/:keyId, which would take "batch" or "tags" as a key id.
    router.put("/admin/api-keys/batch").handler(keyBatches::batchUpdate);
    router.delete("/admin/api-keys/batch").handler(keyBatches::batchDelete);
    router.put("/admin/api-keys/tags/:tag").handler(keyBatches::renameTag);
    router.delete("/admin/api-keys/tags/:tag").handler(keyBatches::deleteTag);
    router.post("/admin/api-keys").handler(apiKeys::create);
    router.get("/admin/api-keys").handler(keyLifecycle::list);
    router.put("/admin/api-keys/:keyId").handler(apiKeys::update);
    router.delete("/admin/api-keys/:keyId").handler(apiKeys::delete);
    router.post("/admin/api-keys/batch").handler(keyLifecycle::batchCreate);
    router.get("/admin/api-keys/deleted").handler(keyLifecycle::deleted);
    router.get("/admin/api-keys/tags").handler(keyLifecycle::tags);
    router.get("/admin/api-keys/top").handler(reports::topKeys);
    router.get("/admin/api-keys/:keyId").handler(keyLifecycle::get);
    router.patch("/admin/api-keys/:keyId/expiration").handler(keyLifecycle::setExpiration);
    router.post("/admin/api-keys/:keyId/extend-expiry").handler(keyLifecycle::extendExpiry);
    router.put("/admin/api-keys/:keyId/toggle").handler(keyLifecycle::toggle);
    router.post("/admin/api-keys/:keyId/restore").handler(keyLifecycle::restore);
    router.delete("/admin/api-keys/:keyId/permanent").handler(keyLifecycle::deletePermanently);
    router.get("/admin/api-keys/:keyId/usage-records").handler(reports::usageRecords);
    router.get("/admin/api-keys/:keyId/limits").handler(activity::keyLimits);
    router.get("/admin/api-keys/:keyId/usage-trend").handler(activity::keyTrend);

    router.post("/admin/claude-console-accounts").handler(consoleAccounts::create);
    router.get("/admin/claude-console-accounts").handler(consoleAccounts::list);
    router.post("/admin/openai-responses-accounts").handler(openAiAccounts::create);
    router.get("/admin/openai-responses-accounts").handler(openAiAccounts::list);
    router.post("/admin/gemini-api-accounts").handler(geminiAccounts::create);
    router.get("/admin/gemini-api-accounts").handler(geminiAccounts::list);
    router.post("/admin/claude-accounts/generate-auth-url").handler(oauthAccounts::generateAuthUrl);
    router.post("/admin/claude-accounts/exchange-code").handler(oauthAccounts::exchangeCode);
    router.post("/admin/claude-accounts/:id/refresh").handler(oauthAccounts::refresh);
    router.post("/admin/claude-accounts").handler(oauthAccounts::create);
    router.get("/admin/claude-accounts").handler(oauthAccounts::list);
    cloudAccounts.forEach((segment, accounts) -> {
      router.post("/admin/" + segment).handler(accounts::create);
      router.get("/admin/" + segment).handler(accounts::list);
    });
    accountsByPath.forEach((segment, actions) -> {
      String account = "/admin/" + segment + "/:id";
      router.get(account).handler(actions::get);
      router.put(account).handler(actions::update);
      router.delete(account).handler(actions::delete);
      router.put(account + "/toggle").handler(actions::toggle);
      router.put(account + "/toggle-schedulable").handler(actions::toggleSchedulable);
      router.post(account + "/reset-status").handler(actions::resetStatus);
      router.post(account + "/test").handler(actions::test);
      router.get(account + "/error-history").handler(actions::errorHistory);
      router.delete(account + "/error-history").handler(actions::clearErrorHistory);
    });
    router.post("/admin/account-groups").handler(groups::create);
    router.get("/admin/account-groups").handler(groups::list);
    router.get("/admin/account-groups/:groupId").handler(groups::get);
    router.put("/admin/account-groups/:groupId").handler(groups::update);
    router.delete("/admin/account-groups/:groupId").handler(groups::delete);

    router.get("/admin/dashboard").handler(reports::dashboard);
    router.get("/admin/usage-stats").handler(reports::usageStats);
    router.get("/admin/model-stats").handler(reports::modelStats);
    router.get("/admin/accounts/usage-stats").handler(reports::accountStats);
    router.get("/admin/usage-trend").handler(reports::usageTrend);
    router.get("/admin/usage-costs").handler(reports::usageCosts);
    router.get("/admin/accounts/:accountId/usage-trend").handler(activity::accountTrend);
    router.get("/admin/request-log").handler(activity::requestLog);
    router.get("/admin/console-settings").handler(activity::consoleSettings);
    router.get("/admin/models/pricing").handler(pricing::catalog);
    router.get("/admin/models/pricing/status").handler(pricing::status);
    router.post("/admin/models/pricing/refresh").handler(pricing::refresh);

    router.post("/apiStats/api/user-stats").handler(apiStats::userStats);
    router.get("/admin-next").handler(WebPages.slashTo("/admin-next/"));
    router.get("/apiStats").handler(WebPages.slashTo("/apiStats/"));
    router.get("/admin-next/*").handler(WebPages.pages("webui/console"));
    router.get("/apiStats/*").handler(WebPages.pages("webui/apistats"));
  }
}
