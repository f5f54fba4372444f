package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of admin request fields: each wrong value fails with a 400 that names the field, and
 * decimals are read exactly (money never passes through a double).
 */
final class JsonFields {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final ObjectNode body;
  /** Every field name the code asked for: the settings catalog test compares it with the documented list. */
  private final Set<String> read = new LinkedHashSet<>();

  private JsonFields(ObjectNode body) {
    this.body = body;
  }

  private JsonNode get(String field) {
    read.add(field);
    return body.get(field);
  }

  /** The names asked for so far (present in the body or not). */
  Set<String> namesRead() {
    return Set.copyOf(read);
  }

  static JsonFields parse(Buffer raw) {
    try {
      JsonNode n = raw == null || raw.length() == 0 ? JSON.createObjectNode() : JSON.readTree(raw.getBytes());
      if (!n.isObject()) throw bad("body", "must be a JSON object");
      return new JsonFields((ObjectNode) n);
    } catch (java.io.IOException e) {
      throw bad("body", "is not valid JSON");
    }
  }

  /** A nested object's fields (its errors name the nested field as it is), or null when absent. */
  JsonFields object(String field) {
    JsonNode v = get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw bad(field, "must be an object");
    return new JsonFields((ObjectNode) v);
  }

  boolean isEmpty() {
    return body.isEmpty();
  }

  boolean has(String field) {
    JsonNode v = get(field);
    return v != null && !v.isNull();
  }

  String string(String field, int maxLength) {
    JsonNode v = get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw bad(field, "must be a string");
    if (v.asText().length() > maxLength) throw bad(field, "must be at most " + maxLength + " characters");
    return v.asText();
  }

  Boolean bool(String field) {
    JsonNode v = get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw bad(field, "must be true or false");
    return v.asBoolean();
  }

  Integer integer(String field, int min, int max) {
    JsonNode v = get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) return null;
    long n;
    if (v.isIntegralNumber()) n = v.asLong();
    else if (v.isTextual() && v.asText().matches("-?\\d+")) n = Long.parseLong(v.asText());
    else throw bad(field, "must be a whole number");
    if (n < min || n > max) throw bad(field, "must be between " + min + " and " + max);
    return (int) n;
  }

  /** A non-negative dollar amount as micro-dollars. */
  Long dollars(String field) {
    JsonNode v = get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) return null;
    BigDecimal d;
    try {
      d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw bad(field, "must be a number of US dollars");
    }
    if (d.signum() < 0) throw bad(field, "must not be negative");
    return Money.fromDollars(d);
  }

  BigDecimal decimal(JsonNode v, String field) {
    if (!v.isNumber()) throw bad(field, "must be a number");
    return v.decimalValue();
  }

  List<String> strings(String field) {
    JsonNode v = get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) throw bad(field, "must be an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual() || e.asText().isBlank()) throw bad(field, "must contain only non-empty strings");
      out.add(e.asText().trim());
    }
    return out;
  }

  JsonNode node(String field) {
    return get(field);
  }

  static FailureException bad(String field, String problem) {
    return new FailureException(
        Failure.of(FailureKind.CALLER_BAD_REQUEST, field + " " + problem).withDetail("field", field));
  }
}
