package io.clauderelay.server.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Handler;

/**
 * Mounts the operator's routes beyond the basics (key life cycle, account actions, groups,
 * reports, dashboard) behind the admin guard, plus the key owners' page and the console.
 */
public final class OperationsRoutes {
  private final ApiKeyLifecycleRoutes keys;
  private final AccountActions consoleAccounts;
  private final AccountGroupRoutes groups;
  private final ReportRoutes reports;
  private final Handler<Router> publicPages;

  public OperationsRoutes(ApiKeyLifecycleRoutes keys, AccountActions consoleAccounts, AccountGroupRoutes groups,
      ReportRoutes reports, Handler<Router> publicPages) {
    this.keys = keys;
    this.consoleAccounts = consoleAccounts;
    this.groups = groups;
    this.reports = reports;
    this.publicPages = publicPages;
  }

  /** Call after the admin guard is installed on {@code /admin/*}. Fixed paths come before {@code :keyId}. */
  public void mount(Router router) {
    router.post("/admin/api-keys/batch").handler(keys::batchCreate);
    router.get("/admin/api-keys/deleted").handler(keys::deleted);
    router.get("/admin/api-keys/tags").handler(keys::tags);
    router.get("/admin/api-keys/top").handler(reports::topKeys);
    router.get("/admin/api-keys/:keyId").handler(keys::get);
    router.patch("/admin/api-keys/:keyId/expiration").handler(keys::setExpiration);
    router.post("/admin/api-keys/:keyId/extend-expiry").handler(keys::extendExpiry);
    router.put("/admin/api-keys/:keyId/toggle").handler(keys::toggle);
    router.post("/admin/api-keys/:keyId/restore").handler(keys::restore);
    router.delete("/admin/api-keys/:keyId/permanent").handler(keys::deletePermanently);
    router.get("/admin/api-keys/:keyId/usage-records").handler(reports::usageRecords);

    String accounts = "/admin/claude-console-accounts/:id";
    router.get(accounts).handler(consoleAccounts::get);
    router.put(accounts).handler(consoleAccounts::update);
    router.delete(accounts).handler(consoleAccounts::delete);
    router.put(accounts + "/toggle").handler(consoleAccounts::toggle);
    router.put(accounts + "/toggle-schedulable").handler(consoleAccounts::toggleSchedulable);
    router.post(accounts + "/reset-status").handler(consoleAccounts::resetStatus);
    router.post(accounts + "/test").handler(consoleAccounts::test);
    router.get(accounts + "/error-history").handler(consoleAccounts::errorHistory);
    router.delete(accounts + "/error-history").handler(consoleAccounts::clearErrorHistory);

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

    publicPages.handle(router);
  }

}
