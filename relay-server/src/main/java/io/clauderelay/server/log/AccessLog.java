package io.clauderelay.server.log;

import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.http.RequestIds;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request once its response ends: method, path (never the query, which may carry
 * {@code ?key=}), status, latency and at most a short prefix of the presented key. Refusals go to
 * the security stream, server errors to the error stream; bodies are never logged. Written by
 * {@link LogWriterThread}, off the event loop.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("access");

  private AccessLog() {}

  public static void handle(RoutingContext rc) {
    long start = System.nanoTime();
    // The body-end hook, not the end hook: relay handlers set the response's single end handler themselves.
    rc.addBodyEndHandler(v -> {
      try {
        log(rc, (System.nanoTime() - start) / 1_000_000);
      } catch (RuntimeException e) {
        // This runs inside the handler's response.end(): throwing would skip what follows it (settlement).
        LOG.warn("access log failed for request {}: {}", RequestIds.of(rc), e.toString());
      }
    });
    rc.next();
  }

  private static void log(RoutingContext rc, long latencyMs) {
    String path = rc.request().path();
    if ("/health".equals(path)) return;
    int status = rc.response().getStatusCode();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("requestId", RequestIds.of(rc));
    f.put("method", rc.request().method().name());
    f.put("path", path);
    f.put("status", status);
    f.put("latencyMs", latencyMs);
    // Admin routes carry an admin JWT in the same headers; only relay keys get a prefix shown.
    if (!path.startsWith("/admin") && !path.startsWith("/web/")) {
      String presented = ClientKeyAuthenticator.extract(rc.request());
      if (presented != null) f.put("keyPrefix", Redact.keyPrefix(presented));
    }
    f.put("ip", rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress());
    // The fields are read here (the request is recycled after this); encoding and writing happen on the writer thread.
    LogWriterThread.submit(() -> write(f, path, status, latencyMs));
  }

  private static void write(Map<String, Object> f, String path, int status, long latencyMs) {
    if (status >= 500)
      LOG.warn("{} {} {} {}ms", f.get("method"), path, status, latencyMs,
          net.logstash.logback.argument.StructuredArguments.entries(f));
    else
      LOG.info("{} {} {} {}ms", f.get("method"), path, status, latencyMs,
          net.logstash.logback.argument.StructuredArguments.entries(f));
    if (status == 401 || status == 403) AuditLog.security("request.rejected", f);
    else if (status == 413) AuditLog.security("request.oversized", f);
    else if (status == 400) AuditLog.security("request.malformed", f);
    else
      if (status == 429 && (path.startsWith("/web/") || path.startsWith("/admin")))
        AuditLog.security("admin.throttled", f);
      else
        if (status >= 500) AuditLog.error("request.failed", null, f);
  }
}
