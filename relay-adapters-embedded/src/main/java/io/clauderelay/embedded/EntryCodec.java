package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;

/** Turns the values of one kind of flat entries (ledger, account state) into JSON and back; the name says the type. */
interface EntryCodec {
  JsonNode write(String name, Object value);

  Object read(String name, JsonNode json);

  static ObjectNode totals(UsageTotals t) {
    TokenUsage k = t.tokens();
    return Json.object().put("requests", t.requests()).put("input", k.input()).put("output", k.output())
        .put("cacheWrite5m", k.cacheWrite5m()).put("cacheWrite1h", k.cacheWrite1h()).put("cacheRead", k.cacheRead())
        .put("rated", t.ratedCostMicros()).put("real", t.realCostMicros());
  }

  static UsageTotals totals(JsonNode n) {
    return new UsageTotals(n.path("requests").asLong(),
        new TokenUsage(n.path("input").asLong(), n.path("output").asLong(),
            n.path("cacheWrite5m").asLong(), n.path("cacheWrite1h").asLong(), n.path("cacheRead").asLong()),
        n.path("rated").asLong(), n.path("real").asLong());
  }

  static String instant(Instant at) {
    return at == null ? null : at.toString();
  }

  static Instant instant(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : Instant.parse(n.asText());
  }
}
