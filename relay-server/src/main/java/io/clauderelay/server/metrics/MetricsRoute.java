package io.clauderelay.server.metrics;

import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureResponses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import io.vertx.core.Promise;

/**
 * {@code GET /metrics}: the Prometheus text format of this node's registry. With a token set the
 * scraper must send {@code Authorization: Bearer <token>} (compared in constant time). The text is
 * written on a worker thread: a scrape walks every series and must not hold up the event loop.
 */
public final class MetricsRoute {
  /** What {@link PrometheusMeterRegistry#scrape()} writes: the classic text format every Prometheus reads. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final PrometheusMeterRegistry registry;
  /** How long a scrape waits for the store-fed gauges before it answers with their previous values. */
  private static final long REFRESH_PATIENCE_MS = 2_000;
  private final Optional<byte[]> token;
  private final Supplier<CompletionStage<Void>> refresh;

  public MetricsRoute(PrometheusMeterRegistry registry, Optional<String> token,
      Supplier<CompletionStage<Void>> refresh) {
    this.registry = registry;
    this.refresh = refresh;
    this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  public void handle(RoutingContext rc) {
    if (token.isPresent()) {
      String sent = rc.request().getHeader("authorization");
      if (sent == null || !MessageDigest.isEqual(token.get(), sent.getBytes(StandardCharsets.UTF_8))) {
        rc.response().putHeader("www-authenticate", "Bearer realm=\"metrics\"");
        FailureResponses.send(rc.response(), ApiFamily.ADMIN,
            Failure.of(FailureKind.ADMIN_UNAUTHORIZED, "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>"));
        return;
      }
    }
    Promise<Void> refreshed = Promise.promise();
    long timer = rc.vertx().setTimer(REFRESH_PATIENCE_MS, id -> refreshed.tryComplete());
    refresh.get().whenComplete((v, err) -> refreshed.tryComplete());
    refreshed.future().compose(v -> {
      rc.vertx().cancelTimer(timer);
      return rc.vertx().executeBlocking(registry::scrape, false);
    }).onComplete(ar -> {
      if (ar.failed()) {
        rc.fail(ar.cause());
        return;
      }
      rc.response().putHeader("content-type", CONTENT_TYPE).end(ar.result());
    });
  }
}
