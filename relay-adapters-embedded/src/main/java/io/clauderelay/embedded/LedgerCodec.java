package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.memory.LedgerEntries.Sticky;
import io.clauderelay.domain.memory.LedgerEntries.Window;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;

/** JSON of the ledger's entries: totals, cost counters, last use, sticky sessions, open windows (records go by {@link RecordSlots}). */
final class LedgerCodec implements EntryCodec {
  @Override
  public JsonNode write(String name, Object v) {
    return switch (LedgerEntries.kind(name)) {
      case LedgerEntries.TOTAL, LedgerEntries.MODEL, LedgerEntries.DAY, LedgerEntries.MINUTE ->
        EntryCodec.totals((UsageTotals) v);
      case LedgerEntries.COST -> LongNode.valueOf((Long) v);
      case LedgerEntries.LAST_USED -> TextNode.valueOf(v.toString());
      case LedgerEntries.STICKY -> Json.object().put("accountId", ((Sticky) v).accountId())
          .put("expiresAt", ((Sticky) v).expiresAt().toString());
      case LedgerEntries.WINDOW -> {
        Window w = (Window) v;
        yield Json.object().put("start", w.start().toString()).put("minutes", w.minutes()).put("requests", w.requests())
            .put("tokens", w.tokens()).put("costMicros", w.costMicros());
      }
      default -> throw new IllegalArgumentException("no codec for ledger entry " + LedgerEntries.kind(name));
    };
  }

  @Override
  public Object read(String name, JsonNode n) {
    return switch (LedgerEntries.kind(name)) {
      case LedgerEntries.TOTAL, LedgerEntries.MODEL, LedgerEntries.DAY, LedgerEntries.MINUTE -> EntryCodec.totals(n);
      case LedgerEntries.COST -> n.asLong();
      case LedgerEntries.LAST_USED -> Instant.parse(n.asText());
      case LedgerEntries.STICKY ->
        new Sticky(n.path("accountId").asText(), Instant.parse(n.path("expiresAt").asText()));
      case LedgerEntries.WINDOW -> new Window(Instant.parse(n.path("start").asText()), n.path("minutes").asInt(),
          n.path("requests").asLong(), n.path("tokens").asLong(), n.path("costMicros").asLong());
      default -> throw new IllegalArgumentException("no codec for ledger entry " + LedgerEntries.kind(name));
    };
  }
}
