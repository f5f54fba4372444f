package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountProtections;
import io.clauderelay.domain.account.SubscriptionWindow;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.account.ModelSupport;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.oauth.OAuthCredential;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.oauth.ClaudeOAuthAccounts;
import io.clauderelay.server.oauth.OAuthCredentialJson;
import io.clauderelay.server.oauth.OAuthTokenRefresher.RefreshFailedException;
import io.clauderelay.server.oauth.TokenEndpointClient.TokenEndpointException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /admin/claude-accounts}: Claude subscription accounts, added from a pasted credentials
 * JSON or through PKCE onboarding, listed with their token expiry, plan, 5-hour window status and
 * block/error reason (never a token), and refreshed on demand.
 */
public final class ClaudeOAuthAccountRoutes {
  private final AccountStore accountStore;
  private final AccountStateStore accountState;
  private final SecretCipher cipher;
  private final Clock clock;
  private final ClaudeOAuthAccounts oauth;

  public ClaudeOAuthAccountRoutes(AccountStore accountStore, AccountStateStore accountState, SecretCipher cipher,
      Clock clock, ClaudeOAuthAccounts oauth) {
    this.accountStore = accountStore;
    this.accountState = accountState;
    this.cipher = cipher;
    this.clock = clock;
    this.oauth = oauth;
  }

  /** {@code POST /admin/claude-accounts}: {@code {name, ..., claudeAiOauth:{accessToken, refreshToken, expiresAt, scopes}}} or flat. */
  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    OAuthCredential credential;
    try {
      credential = OAuthCredentialJson.pasted(rootOf(rc)).orElseThrow(() -> JsonFields.bad(
          "claudeAiOauth", "is required: paste Claude Code's credentials JSON or give accessToken/refreshToken"));
    } catch (IllegalArgumentException e) {
      throw JsonFields.bad("claudeAiOauth", e.getMessage());
    }
    save(rc, f, withPlanField(f, credential));
  }

  /** {@code POST /admin/claude-accounts/generate-auth-url}: {@code {authUrl, sessionId, expiresAt}}. */
  public void generateAuthUrl(RoutingContext rc) {
    Async.from(oauth.start()).onSuccess(start -> {
      ObjectNode n = JsonFields.JSON.createObjectNode();
      n.put("authUrl", start.authUrl()).put("sessionId", start.sessionId()).put("expiresAt",
          start.expiresAt().toString());
      AdminResponses.ok(rc, n);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code POST /admin/claude-accounts/exchange-code}: {@code {sessionId, code | callbackUrl, name, ...}} creates the account. */
  public void exchangeCode(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String sessionId = f.string("sessionId", 100);
    if (sessionId == null || sessionId.isBlank())
      throw JsonFields.bad("sessionId", "is required (from generate-auth-url)");
    String code = f.string("code", 4000);
    if (code == null || code.isBlank()) code = f.string("callbackUrl", 4000);
    if (code == null || code.isBlank()) code = f.string("authorizationCode", 4000);
    if (code == null || code.isBlank())
      throw JsonFields.bad("code", "is required: the code shown after approval or the callback URL");
    checkNamed(f);
    // Like the original, the code is exchanged through the proxy the new account will use.
    Async.from(oauth.finish(sessionId.trim(), code, ProxyField.options(f)))
        .onSuccess(credential -> save(rc, f, withPlanField(f, credential)))
        .onFailure(err -> AdminResponses.fail(rc, asFailure(err)));
  }

  /** {@code GET /admin/claude-accounts}. */
  public void list(RoutingContext rc) {
    Instant now = clock.instant();
    Async.from(accountStore.list()).compose(accounts -> {
      List<Account> ofType = accounts.stream().filter(a -> a.type() == AccountType.CLAUDE_OAUTH).toList();
      List<String> ids = ofType.stream().map(Account::id).toList();
      return Async.from(accountState.runtime(ids, now)).compose(rt -> Async.from(oauth.windows(ids, now)).map(w -> {
        ArrayNode data = JsonFields.JSON.createArrayNode();
        ofType.forEach(a -> data.add(windows(view(a, rt.get(a.id()), now), w.getOrDefault(a.id(), List.of()))));
        return data;
      }));
    }).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code POST /admin/claude-accounts/:id/refresh}: a new access token now; a refusal answers 502 with the reason. */
  public void refresh(RoutingContext rc) {
    String id = rc.pathParam("id");
    Async.from(accountStore.findById(id)).compose(found -> {
      if (found.isEmpty() || found.get().type() != AccountType.CLAUDE_OAUTH) {
        return Future.<Account>failedFuture(new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND,
            "Claude subscription account " + id + " not found")));
      }
      return Async.from(oauth.refreshNow(found.get()));
    }).compose(a -> Async.from(accountState.runtime(List.of(a.id()), clock.instant()))
        .map(rt -> view(a, rt.get(a.id()), clock.instant())))
        .onSuccess(v -> AdminResponses.ok(rc, v))
        .onFailure(err -> AdminResponses.fail(rc, asFailure(err)));
  }

  private void save(RoutingContext rc, JsonFields f, OAuthCredential credential) {
    Instant now = clock.instant();
    Account account = build(f, credential, now);
    Async.from(accountStore.save(account))
        .compose(v -> Async.from(accountState.recordPlan(account.id(), credential.plan())))
        .onSuccess(v -> AdminResponses.ok(rc, view(account, null, now)))
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  private Account build(JsonFields f, OAuthCredential c, Instant now) {
    String name = checkNamed(f);
    String apiUrl = f.string("apiUrl", 2000);
    if (apiUrl != null && !apiUrl.isBlank()) checkUrl(apiUrl);
    Integer priority = f.integer("priority", 1, 100);
    Integer maxConcurrent = f.integer("maxConcurrentTasks", 0, 100_000);
    Long quota = f.dollars("dailyQuota");
    String accountType = AccountJson.accountType(f);
    Boolean schedulable = f.bool("schedulable");
    Boolean active = f.bool("isActive");
    List<String> groups = f.strings("groupIds");
    List<String> models = f.node("supportedModels") != null && f.node("supportedModels").isArray()
        ? f.strings("supportedModels")
        : null;
    // With only a refresh token the account is still schedulable: its first use refreshes it.
    return new Account(UUID.randomUUID().toString(), AccountType.CLAUDE_OAUTH, name, f.string("description", 500),
        apiUrl == null || apiUrl.isBlank() ? AnthropicTarget.DEFAULT_BASE_URL : apiUrl.trim(),
        cipher.encrypt(OAuthCredentialJson.write(c)), priority == null ? 50 : priority, active == null || active,
        schedulable == null || schedulable, AccountStatus.ACTIVE, "",
        models == null ? ModelSupport.ALL : ModelSupport.list(models), maxConcurrent == null ? 0 : maxConcurrent,
        quota == null ? 0 : quota, "dedicated".equals(accountType), groups == null ? Set.of() : Set.copyOf(groups),
        ProxyField.create(f, cipher), now, now, Map.of(), AccountJson.protections(f, AccountProtections.NONE));
  }

  private ObjectNode view(Account a, AccountRuntime rt, Instant now) {
    ObjectNode n = AccountJson.view(a, rt, now, cipher);
    AccountRuntime r = rt == null ? AccountRuntime.IDLE : rt;
    try {
      OAuthCredential c = oauth.credential(a);
      n.put("tokenExpiresAt", c.expiresAt() == null ? null : c.expiresAt().toString());
      n.put("tokenExpired", c.expiresAt() != null && !now.isBefore(c.expiresAt()));
      n.put("hasRefreshToken", !c.refreshToken().isEmpty());
      ArrayNode scopes = n.putArray("scopes");
      c.scopes().forEach(scopes::add);
      n.put("plan", (c.plan() != ClaudePlan.UNKNOWN ? c.plan() : r.plan()).id());
    } catch (IllegalArgumentException unreadable) {
      n.put("tokenExpiresAt", (String) null);
      n.put("credentialError", "the stored credential cannot be read with this ENCRYPTION_KEY");
    }
    n.put("sessionWindowStatus", r.windowStatus());
    ObjectNode families = n.putObject("rateLimitedFamilies");
    r.familyCoolingUntil().forEach((family, until) -> {
      if (now.isBefore(until)) families.put(family, until.toString());
    });
    return n;
  }

  /**
   * The usage windows the account last reported: each with its status, utilization (a decimal
   * fraction, and whole percent), start, end and reset; the 5-hour one also under CRS's names.
   */
  private static ObjectNode windows(ObjectNode n, List<SubscriptionWindow> windows) {
    ArrayNode list = n.putArray("usageWindows");
    for (SubscriptionWindow w : windows) {
      ObjectNode o = list.addObject().put("name", w.name()).put("status", w.status())
          .put("utilization", w.utilization() == null ? null : w.utilization().toPlainString())
          .put("percent", w.percent()).put("windowStart", w.start().toString()).put("windowEnd", w.reset().toString())
          .put("resetAt", w.reset().toString());
      if (w.name().equals("5h")) {
        n.put("sessionWindowStart", o.path("windowStart").asText()).put("sessionWindowEnd", w.reset().toString());
      }
    }
    return n;
  }

  private static OAuthCredential withPlanField(JsonFields f, OAuthCredential c) {
    String plan = f.string("plan", 40);
    return plan == null || plan.isBlank() ? c : c.withPlan(ClaudePlan.parse(plan));
  }

  private static String checkNamed(JsonFields f) {
    String name = f.string("name", 100);
    if (name == null || name.isBlank()) throw JsonFields.bad("name", "is required");
    return name.trim();
  }

  private static JsonNode rootOf(RoutingContext rc) {
    try {
      return JsonFields.JSON.readTree(rc.body().buffer().getBytes());
    } catch (java.io.IOException e) {
      throw JsonFields.bad("body", "is not valid JSON");
    }
  }

  private static void checkUrl(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https"))
          && u.getHost() != null)
        return;
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw JsonFields.bad("apiUrl", "must be an http(s) URL such as https://api.anthropic.com");
  }

  /** Token endpoint refusals are the upstream's answer, not a relay bug: 502 with the reason. */
  private static Throwable asFailure(Throwable err) {
    Throwable e = err;
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) e = e.getCause();
    if (e instanceof TokenEndpointException || e instanceof RefreshFailedException) {
      return new FailureException(Failure.of(FailureKind.PROVIDER_AUTH, e.getMessage()));
    }
    return e;
  }
}
