package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.usage.UsageTotals;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.routes.KeySelfRoutes;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * The dashboard's current RPM/TPM and the per-minute trend, from the ledger's cluster-wide minute
 * totals (every node's requests, not just this node's).
 */
final class MinuteMetrics {
  /** The original's METRICS_WINDOW default: the current minute and the four before it. */
  static final int WINDOW_MINUTES = 5;

  private final UsageLedger ledger;

  MinuteMetrics(UsageLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * {@code {rpm, tpm, windowMinutes, isHistorical:false, requests, tokens, cost}} over the window
   * ending now. As in the original, the current (partial) minute counts as a whole one.
   */
  Future<ObjectNode> realtime(Instant now) {
    return Async.from(ledger.minuteTotals(now, WINDOW_MINUTES)).map(minutes -> {
      UsageTotals sum = UsageTotals.sum(minutes);
      return JsonFields.JSON.createObjectNode()
          .put("rpm", round2(sum.requests() / (double) WINDOW_MINUTES))
          .put("tpm", round2(sum.tokens().total() / (double) WINDOW_MINUTES))
          .put("windowMinutes", WINDOW_MINUTES).put("isHistorical", false)
          .put("requests", sum.requests()).put("tokens", sum.tokens().total())
          .put("cost", Money.toDollars(sum.ratedCostMicros()));
    });
  }

  /** One row per minute, oldest first, zero-filled: the usage totals plus {@code minute} (ISO start) and {@code tokens}. */
  Future<ArrayNode> series(Instant now, int minutes) {
    long last = UsageLedger.epochMinute(now);
    return Async.from(ledger.minuteTotals(now, minutes)).map(rows -> {
      ArrayNode data = JsonFields.JSON.createArrayNode();
      for (int i = 0; i < rows.size(); i++) {
        long minute = last - rows.size() + 1 + i;
        UsageTotals t = rows.get(i);
        data.add(KeySelfRoutes.totals(t).put("minute", Instant.ofEpochSecond(minute * 60).toString())
            .put("tokens", t.tokens().total()));
      }
      return data;
    });
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
