package io.clauderelay.server.log;

import static net.logstash.logback.argument.StructuredArguments.entries;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four audit streams of SPEC §9 as structured JSON events: each method writes to its own named
 * logger, which logback.xml routes to its own file only. Fields with secret-sounding names are masked.
 */
public final class AuditLog {
  private static final Logger ADMIN = LoggerFactory.getLogger("audit");
  private static final Logger AUTH_DETAIL = LoggerFactory.getLogger("auth-detail");
  private static final Logger SECURITY = LoggerFactory.getLogger("security");
  private static final Logger ERROR = LoggerFactory.getLogger("error-audit");

  private AuditLog() {}

  /** An admin action: who changed what (key created, account disabled, password changed…). */
  public static void admin(String actor, String action, Map<String, ?> fields) {
    Map<String, Object> all = Redact.fields(fields);
    all.put("actor", actor);
    all.put("action", action);
    ADMIN.info("admin {}", action, entries(all));
  }

  /** Logins, token issue and refresh, key authentication failures. */
  public static void authDetail(String event, Map<String, ?> fields) {
    AUTH_DETAIL.info("auth {}", event, entries(withEvent(event, fields)));
  }

  /** Rejections, lockouts, oversized or malformed requests. */
  public static void security(String event, Map<String, ?> fields) {
    SECURITY.warn("security {}", event, entries(withEvent(event, fields)));
  }

  /** An error worth keeping apart from the main log; {@code t} may be null. */
  public static void error(String event, Throwable t, Map<String, ?> fields) {
    ERROR.error("error {}", event, entries(withEvent(event, fields)), t);
  }

  private static Map<String, Object> withEvent(String event, Map<String, ?> fields) {
    Map<String, Object> all = Redact.fields(fields);
    all.put("event", event);
    return all;
  }
}
