package io.clauderelay.server.crs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/** One of CRS's recent usage records ({@code usage:records:<keyId>}), its cost read exactly from the JSON text. */
record CrsRecord(String id, Instant at, String model, String accountId, int status, boolean stream, long durationMs,
    CrsCounters counters) {
  // Floats as BigDecimal from their own digits: a double would lose what CRS wrote.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Parses one record; throws {@link CrsValues.BadField} when it is not one. */
  static CrsRecord parse(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new CrsValues.BadField("usage record", "is not valid JSON");
    }
    if (!n.isObject()) throw new CrsValues.BadField("usage record", "is not an object");
    Instant at;
    try {
      at = Instant.parse(n.path("timestamp").asText());
    } catch (DateTimeParseException e) {
      throw new CrsValues.BadField("usage record timestamp", "is not a date");
    }
    String id = n.path("requestId").asText("");
    if (id.isEmpty()) id = digest(json);
    long create = n.path("cacheCreateTokens").asLong();
    long e5 = n.path("ephemeral5mTokens").asLong();
    long e1 = n.path("ephemeral1hTokens").asLong();
    if (e5 + e1 == 0) e5 = create;
    long rated = micros(n.path("cost"));
    long real = n.has("realCost") ? micros(n.path("realCost")) : rated;
    CrsCounters c = new CrsCounters(1, n.path("inputTokens").asLong(), n.path("outputTokens").asLong(), e5, e1,
        n.path("cacheReadTokens").asLong(), real, rated);
    return new CrsRecord(id, at, n.path("model").asText("unknown"), n.path("accountId").asText(""),
        n.path("statusCode").asInt(200), n.path("stream").asBoolean(false), n.path("durationMs").asLong(), c);
  }

  private static long micros(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) return 0;
    if (!v.isNumber()) return CrsValues.micros(v.asText(), "usage record cost");
    return v.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static String digest(String json) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
