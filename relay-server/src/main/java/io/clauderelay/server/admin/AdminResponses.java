package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The original's admin envelopes: {@code {success:true, data}} or an error in the admin shape. */
final class AdminResponses {
  private static final Logger LOG = LoggerFactory.getLogger(AdminResponses.class);

  private AdminResponses() {}

  static void ok(RoutingContext rc, JsonNode data) {
    ObjectNode root = JsonFields.JSON.createObjectNode();
    root.put("success", true);
    root.set("data", data);
    rc.response().putHeader("content-type", "application/json").end(root.toString());
  }

  static void fail(RoutingContext rc, Throwable err) {
    if (err instanceof FailureException fe) {
      FailureResponses.send(rc.response(), ApiFamily.ADMIN, fe.failure());
      return;
    }
    LOG.error("admin request {} {} failed", rc.request().method(), rc.request().path(), err);
    FailureResponses.send(rc.response(), ApiFamily.ADMIN,
        FailureResponses.storeUnavailable("Store unavailable, try again"));
  }
}
