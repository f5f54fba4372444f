package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.pricing.TierPrices;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.pricing.PricingChange;
import io.clauderelay.server.pricing.PricingRefresher;
import io.clauderelay.server.pricing.PricingStatus;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The original's price catalog routes: {@code GET /admin/models/pricing} (the catalog, with its
 * source and age beside it), {@code GET /admin/models/pricing/status} and
 * {@code POST /admin/models/pricing/refresh} (fetch {@code PRICING_URL} now, answer what changed).
 */
public final class PricingRoutes {
  private final PriceCatalog catalog;
  private final PricingRefresher refresher;
  private final Clock clock;

  public PricingRoutes(PriceCatalog catalog, PricingRefresher refresher, Clock clock) {
    this.catalog = catalog;
    this.refresher = refresher;
    this.clock = clock;
  }

  public void catalog(RoutingContext rc) {
    ObjectNode root = JsonFields.JSON.createObjectNode();
    root.put("success", true);
    ObjectNode data = root.putObject("data");
    catalog.entries().forEach((model, price) -> data.set(model, priceView(price)));
    describe(root, refresher.status());
    rc.response().putHeader("content-type", "application/json").end(root.toString());
  }

  public void status(RoutingContext rc) {
    PricingStatus st = refresher.status();
    ObjectNode data = JsonFields.JSON.createObjectNode();
    data.put("initialized", true);
    data.put("lastUpdated", st.loadedAt().toString());
    data.put("nextUpdate", refresher.url().isEmpty() ? null : st.loadedAt().plus(refresher.interval()).toString());
    describe(data, st);
    AdminResponses.ok(rc, data);
  }

  public void refresh(RoutingContext rc) {
    if (refresher.url().isEmpty()) {
      AdminResponses.fail(rc, new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST,
          "PRICING_URL is not set: the catalog comes from " + refresher.status().source())));
      return;
    }
    refresher.fetch().onSuccess(change -> AdminResponses.ok(rc, changeView(change)))
        .onFailure(err -> AdminResponses.fail(rc, new FailureException(Failure.of(FailureKind.PROVIDER_UNREACHABLE,
            "Price file not used (" + refresher.status().lastError() + "); the catalog from "
                + refresher.status().source() + " stays"))));
  }

  private void describe(ObjectNode n, PricingStatus st) {
    n.put("source", st.source());
    n.put("loadedAt", st.loadedAt().toString());
    n.put("ageSeconds", Math.max(0, Duration.between(st.loadedAt(), clock.instant()).toSeconds()));
    n.put("modelCount", st.models());
    n.put("refreshMinutes", refresher.url().isEmpty() ? null : refresher.interval().toMinutes());
    n.put("lastError", st.lastError());
    n.put("lastErrorAt", st.lastErrorAt() == null ? null : st.lastErrorAt().toString());
  }

  private static ObjectNode changeView(PricingChange c) {
    ObjectNode n = JsonFields.JSON.createObjectNode();
    n.put("modelCount", c.models());
    list(n.putArray("added"), c.added());
    list(n.putArray("removed"), c.removed());
    list(n.putArray("changed"), c.changed());
    return n;
  }

  private static void list(ArrayNode a, List<String> names) {
    names.forEach(a::add);
  }

  /** LiteLLM's field names, dollars per token. */
  private static ObjectNode priceView(ModelPrice p) {
    ObjectNode n = JsonFields.JSON.createObjectNode();
    n.put("litellm_provider", p.provider());
    put(n, "input_cost_per_token", p.base().input());
    put(n, "output_cost_per_token", p.base().output());
    put(n, "cache_creation_input_token_cost", p.base().cacheWrite5m());
    put(n, "cache_creation_input_token_cost_above_1hr", p.base().cacheWrite1h());
    put(n, "cache_read_input_token_cost", p.base().cacheRead());
    put(n, "input_cost_per_token_above_200k_tokens", p.above200k().input());
    put(n, "output_cost_per_token_above_200k_tokens", p.above200k().output());
    if (p.maxOutputTokens() > 0) n.put("max_output_tokens", p.maxOutputTokens());
    return n;
  }

  private static void put(ObjectNode n, String field, long picos) {
    if (TierPrices.isPresent(picos)) n.put(field, BigDecimal.valueOf(picos, 12).stripTrailingZeros());
  }

}
