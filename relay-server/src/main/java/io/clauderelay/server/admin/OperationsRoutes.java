package io.clauderelay.server.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Handler;
import java.util.Map;

/**
 * Mounts the operator's routes beyond the basics (key life cycle, account actions, groups,
 * reports, dashboard) behind the admin guard, plus the key owners' page and the console.
 */
public final class OperationsRoutes {
  private final ApiKeyLifecycleRoutes keys;
  private final ApiKeyBatchRoutes batches;
  private final Map<String, AccountActions> accountsByPath;
  private final AccountGroupRoutes groups;
  private final ReportRoutes reports;
  private final Handler<Router> publicPages;

  /** {@code accountsByPath}: the original's path segment of each account type → its actions. */
  public OperationsRoutes(ApiKeyLifecycleRoutes keys, ApiKeyBatchRoutes batches, Map<String, AccountActions> accountsByPath,
      AccountGroupRoutes groups, ReportRoutes reports, Handler<Router> publicPages) {
    this.keys = keys;
    this.batches = batches;
    this.accountsByPath = Map.copyOf(accountsByPath);
    this.groups = groups;
    this.reports = reports;
    this.publicPages = publicPages;
  }

  /**
   * The key routes whose paths {@code /admin/api-keys/:keyId…} would otherwise take ("batch" or
   * "tags" as a key id): call before those are mounted, after the admin guard.
   */
  public void mountBeforeKeyIds(Router router) {
    router.put("/admin/api-keys/batch").handler(batches::batchUpdate);
    router.delete("/admin/api-keys/batch").handler(batches::batchDelete);
    router.put("/admin/api-keys/tags/:tag").handler(batches::renameTag);
    router.delete("/admin/api-keys/tags/:tag").handler(batches::deleteTag);
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

    accountsByPath.forEach((segment, actions) -> {
      String accounts = "/admin/" + segment + "/:id";
      router.get(accounts).handler(actions::get);
      router.put(accounts).handler(actions::update);
      router.delete(accounts).handler(actions::delete);
      router.put(accounts + "/toggle").handler(actions::toggle);
      router.put(accounts + "/toggle-schedulable").handler(actions::toggleSchedulable);
      router.post(accounts + "/reset-status").handler(actions::resetStatus);
      router.post(accounts + "/test").handler(actions::test);
      router.get(accounts + "/error-history").handler(actions::errorHistory);
      router.delete(accounts + "/error-history").handler(actions::clearErrorHistory);
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

    publicPages.handle(router);
  }

}
