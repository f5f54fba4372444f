package io.clauderelay.server.routes;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.providers.anthropic.AnthropicUpstream;
import io.clauderelay.providers.common.UpstreamHttp;
import io.clauderelay.providers.gemini.GeminiUpstream;
import io.clauderelay.providers.openai.OpenAiUpstream;
import io.clauderelay.server.admin.AccountAdminRoutes;
import io.clauderelay.server.gemini.GeminiDispatch;
import io.clauderelay.server.gemini.GeminiRoute;
import io.clauderelay.server.openai.ChatCompletionsDispatch;
import io.clauderelay.server.openai.ClaudeChatRoute;
import io.clauderelay.server.openai.OpenAiRoute;
import io.clauderelay.server.relay.RelayFlow;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The OpenAI and Gemini side of the relay: their pass-through routes, the OpenAI-compatible front
 * door for Claude, the unified chat completions route, their model lists and their account admin
 * routes (with the original's names).
 */
public final class VendorRoutes {
  private final Handler<RoutingContext> claudeChat;
  private final Handler<RoutingContext> openAiChat;
  private final Handler<RoutingContext> geminiChat;
  private final Handler<RoutingContext> responses;
  private final GeminiDispatch gemini;
  private final VendorModelLists models;
  private final AccountAdminRoutes openAiAccounts;
  private final AccountAdminRoutes geminiAccounts;

  public VendorRoutes(RelayFlow.Deps deps, UpstreamHttp http, ModelList modelList) {
    OpenAiUpstream openAi = new OpenAiUpstream(http);
    GeminiUpstream geminiUpstream = new GeminiUpstream(http);
    this.claudeChat = new RelayFlow(deps, new ClaudeChatRoute(new AnthropicUpstream(http)));
    this.openAiChat = new RelayFlow(deps, OpenAiRoute.chat(openAi));
    this.geminiChat = new RelayFlow(deps, OpenAiRoute.geminiChat(openAi));
    this.responses = new RelayFlow(deps, OpenAiRoute.responses(openAi));
    this.gemini = new GeminiDispatch(Map.of(
        "generateContent", new RelayFlow(deps, new GeminiRoute(geminiUpstream, "generateContent")),
        "streamGenerateContent", new RelayFlow(deps, new GeminiRoute(geminiUpstream, "streamGenerateContent")),
        "countTokens", new RelayFlow(deps, new GeminiRoute(geminiUpstream, "countTokens"))));
    this.models = new VendorModelLists(deps.auth(), modelList, deps.services().clock());
    this.openAiAccounts = new AccountAdminRoutes(deps.services(), AccountType.OPENAI);
    this.geminiAccounts = new AccountAdminRoutes(deps.services(), AccountType.GEMINI);
  }

  /** Adds the routes; call after the {@code /admin/*} guard is in place. */
  public void mount(Router router) {
    router.post("/openai/claude/v1/chat/completions").handler(claudeChat);
    router.get("/openai/claude/v1/models").handler(models::claudeAsOpenAi);
    router.post("/api/v1/chat/completions")
        .handler(new ChatCompletionsDispatch(claudeChat, openAiChat, geminiChat, Provider.CLAUDE));
    router.post("/openai/v1/chat/completions")
        .handler(new ChatCompletionsDispatch(claudeChat, openAiChat, geminiChat, Provider.OPENAI));
    router.post("/openai/v1/responses").handler(responses);
    router.post("/openai/responses").handler(responses);
    router.postWithRegex(GeminiDispatch.PATH_REGEX).handler(gemini);
    router.get("/gemini/v1beta/models").handler(models::gemini);
    router.get("/gemini/v1/models").handler(models::gemini);

    router.post("/admin/openai-responses-accounts").handler(openAiAccounts::create);
    router.get("/admin/openai-responses-accounts").handler(openAiAccounts::list);
    router.post("/admin/gemini-api-accounts").handler(geminiAccounts::create);
    router.get("/admin/gemini-api-accounts").handler(geminiAccounts::list);
  }
}
