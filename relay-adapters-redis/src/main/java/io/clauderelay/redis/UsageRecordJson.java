package io.clauderelay.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageRecord;
import java.time.Instant;

/** The JSON a usage record is kept in (the per-key list of recent records); lossless both ways. */
final class UsageRecordJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UsageRecordJson() {}

  static String write(UsageRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("requestId", r.requestId()).put("keyId", r.keyId()).put("accountId", r.accountId());
    if (r.provider() != null) n.put("provider", r.provider().name());
    n.put("model", r.model());
    TokenUsage t = r.tokens();
    n.putObject("tokens").put("input", t.input()).put("output", t.output()).put("cacheWrite5m", t.cacheWrite5m())
        .put("cacheWrite1h", t.cacheWrite1h()).put("cacheRead", t.cacheRead());
    Cost c = r.cost();
    n.putObject("cost").put("input", c.inputMicros()).put("output", c.outputMicros())
        .put("cacheWrite5m", c.cacheWrite5mMicros()).put("cacheWrite1h", c.cacheWrite1hMicros())
        .put("cacheRead", c.cacheReadMicros()).put("total", c.totalMicros())
        .put("fallbackPricing", c.fallbackPricing()).put("longContext", c.longContext());
    n.put("ratedCostMicros", r.ratedCostMicros()).put("status", r.status()).put("stream", r.stream())
        .put("latencyMs", r.latencyMs()).put("firstByteMs", r.firstByteMs()).put("at", r.at().toString());
    return n.toString();
  }

  static UsageRecord read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode t = n.path("tokens");
      JsonNode c = n.path("cost");
      return new UsageRecord(n.path("requestId").asText(), n.path("keyId").asText(), n.path("accountId").asText(),
          n.hasNonNull("provider") ? Provider.valueOf(n.get("provider").asText()) : null,
          n.path("model").asText(),
          new TokenUsage(t.path("input").asLong(), t.path("output").asLong(), t.path("cacheWrite5m").asLong(),
              t.path("cacheWrite1h").asLong(), t.path("cacheRead").asLong()),
          new Cost(c.path("input").asLong(), c.path("output").asLong(), c.path("cacheWrite5m").asLong(),
              c.path("cacheWrite1h").asLong(), c.path("cacheRead").asLong(), c.path("total").asLong(),
              c.path("fallbackPricing").asBoolean(), c.path("longContext").asBoolean()),
          n.path("ratedCostMicros").asLong(), n.path("status").asInt(), n.path("stream").asBoolean(),
          n.path("latencyMs").asLong(), n.path("firstByteMs").asLong(), Instant.parse(n.path("at").asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable usage record in Redis", e);
    }
  }
}
