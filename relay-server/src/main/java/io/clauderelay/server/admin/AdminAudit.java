package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.log.AuditLog;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes one audit event per admin change: the actor, the target and, for every field that
 * changed, its value before and after. Callers pass the admin views (which never carry secrets).
 */
final class AdminAudit {
  private AdminAudit() {}

  static void change(RoutingContext rc, String action, String target, JsonNode before, JsonNode after) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("target", target);
    fields.put("changes", diff(before, after));
    AuditLog.admin(actor(rc), action, fields);
  }

  static void event(RoutingContext rc, String action, Map<String, ?> fields) {
    AuditLog.admin(actor(rc), action, fields);
  }

  static String actor(RoutingContext rc) {
    String user = rc.get(AdminGuard.USER);
    return user == null ? "unknown" : user;
  }

  /** {field: {from, to}} for every field whose value differs; a missing side is null. */
  static Map<String, Map<String, Object>> diff(JsonNode before, JsonNode after) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    TreeSet<String> names = new TreeSet<>();
    if (before != null) before.fieldNames().forEachRemaining(names::add);
    if (after != null) after.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if ("updatedAt".equals(name)) continue;
      JsonNode a = before == null ? null : before.get(name);
      JsonNode b = after == null ? null : after.get(name);
      if (a == null ? b == null : a.equals(b)) continue;
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("from", plain(a));
      change.put("to", plain(b));
      out.put(name, change);
    }
    return out;
  }

  private static Object plain(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isBoolean()) return n.asBoolean();
    if (n.isIntegralNumber()) return n.asLong();
    if (n.isNumber()) return n.decimalValue().toPlainString();
    if (n.isTextual()) return n.asText();
    return n.toString();
  }
}
