package io.clauderelay.server.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code GET /health}: the original's shape ({@code status, service, version, timestamp, uptime,
 * memory, components}); 503 when the store does not answer.
 */
public final class HealthRoute {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a store reports about itself. */
  public record StoreHealth(boolean connected, String role, long latencyMs, String error) {}

  private final String version;
  private final Supplier<Future<StoreHealth>> store;

  public HealthRoute(String version, Supplier<Future<StoreHealth>> store) {
    this.version = version;
    this.store = store;
  }

  public void handle(RoutingContext rc) {
    store.get().recover(err -> Future.succeededFuture(new StoreHealth(false, "unknown", -1, err.getMessage())))
        .onSuccess(h -> {
          ObjectNode root = JSON.createObjectNode();
          root.put("status", h.connected() ? "healthy" : "unhealthy");
          root.put("service", "claude-relay-service");
          root.put("version", version);
          root.put("timestamp", Instant.now().toString());
          root.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
          Runtime rt = Runtime.getRuntime();
          root.putObject("memory")
              .put("used", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + "MB")
              .put("total", rt.totalMemory() / (1024 * 1024) + "MB")
              .put("max", rt.maxMemory() / (1024 * 1024) + "MB");
          ObjectNode components = root.putObject("components");
          ObjectNode redis = components.putObject("redis");
          redis.put("status", h.connected() ? "healthy" : "unhealthy").put("connected", h.connected())
              .put("latency", h.latencyMs() + "ms").put("role", h.role());
          if (h.error() != null) redis.put("error", h.error());
          components.putObject("logger").put("status", "healthy").put("healthy", true);
          rc.response().setStatusCode(h.connected() ? 200 : 503).putHeader("content-type", "application/json")
              .end(root.toString());
        });
  }
}
