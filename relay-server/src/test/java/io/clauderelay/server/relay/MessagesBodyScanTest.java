package io.clauderelay.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming validation against the Jackson-tree validation it replaced, kept here as the oracle:
 * on random bodies (fields in any order, repeated, of every type; broken JSON) both must give the
 * same 400 message, or the same model, stream flag and session ids.
 */
class MessagesBodyScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] VALUES = {
      "null", "true", "false", "0", "-3", "7", "1.5", "12345678901234567890123", "-12345678901234567890123",
      "\"\"", "\"  \"", "\"claude-x\"", "\"a\\u00e9\\n\"", "[]", "[1]", "[\"t\"]", "{}", "{\"user_id\":\"u-1\"}",
      "{\"user_id\":5}", "{\"user_id\":{\"a\":[1]}}", "{\"user_id\":[\"x\",{}]}",
      "{\"user_id\":\"u\",\"user_id\":\"v\"}", "[{\"type\":\"text\",\"text\":\"sys\"}]",
      "\"bad \\x escape\"", "[{\"deep\":[[[\"\\q\"]]]}]"};
  private static final String[] FIELDS = {
      "model", "messages", "stream", "max_tokens", "system", "metadata", "session_id", "prompt_cache_key",
      "conversation_id", "temperature", "tools"};

  @Test
  void agreesWithTheTreeValidationOnRandomBodies() {
    Random random = new Random(20261127);
    int accepted = 0;
    int refused = 0;
    for (int n = 0; n < 20_000; n++) {
      String body = randomBody(random);
      String expected = oracle(body, n % 2 == 0);
      String actual = streaming(body, n % 2 == 0);
      assertThat(actual).as(body).isEqualTo(expected);
      if (expected.startsWith("ok")) accepted++;
      else refused++;
    }
    // Both outcomes must be common, or the comparison says little.
    assertThat(accepted).isGreaterThan(500);
    assertThat(refused).isGreaterThan(1_000);
  }

  private static String randomBody(Random r) {
    List<String> fields = new ArrayList<>();
    if (r.nextInt(10) > 0) fields.add("\"model\":" + (r.nextInt(4) > 0 ? "\"claude-x\"" : pick(r, VALUES)));
    if (r.nextInt(10) > 0) fields.add("\"messages\":" + (r.nextInt(3) > 0 ? messages(r) : pick(r, VALUES)));
    int extra = r.nextInt(5);
    for (int i = 0; i < extra; i++) {
      String field = pick(r, FIELDS);
      String value = field.equals("messages") ? messages(r) : pick(r, VALUES);
      if (field.equals("max_tokens") && r.nextBoolean()) value = "1024";
      if (field.equals("stream") && r.nextBoolean()) value = "true";
      fields.add("\"" + field + "\":" + value);
    }
    java.util.Collections.shuffle(fields, r);
    String body = "{" + String.join(",", fields) + "}";
    return switch (r.nextInt(40)) {
      case 0 -> body.substring(0, r.nextInt(body.length())); // cut short
      case 1 -> body.replaceFirst(":", "::"); // broken
      case 2 -> "[" + body + "]";
      case 3 -> "  ";
      case 4 -> body + " trailing";
      default -> body;
    };
  }

  private static String messages(Random r) {
    int count = r.nextInt(4);
    List<String> ms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (r.nextInt(12) == 0) {
        ms.add(pick(r, VALUES));
        continue;
      }
      List<String> f = new ArrayList<>();
      if (r.nextInt(8) > 0) f.add("\"role\":" + (r.nextInt(5) > 0 ? "\"user\"" : pick(r, VALUES)));
      if (r.nextInt(8) > 0) {
        f.add("\"content\":" + switch (r.nextInt(4)) {
          case 0 -> "[{\"type\":\"text\",\"text\":\"hi [{\\\"\"},{\"type\":\"image\",\"source\":{\"data\":[1,{}]}}]";
          case 1 -> pick(r, VALUES);
          default -> "\"hello\"";
        });
      }
      if (r.nextInt(6) == 0) f.add("\"role\":" + pick(r, VALUES));
      java.util.Collections.shuffle(f, r);
      ms.add("{" + String.join(",", f) + "}");
    }
    return "[" + String.join(",", ms) + "]";
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String streaming(String body, boolean countTokens) {
    try {
      MessagesRequest m = MessagesRequest.parse(Buffer.buffer(body), countTokens);
      return "ok " + m.model() + " " + m.stream() + " " + m.metadataUserId() + " " + m.bodySessionId();
    } catch (FailureException e) {
      return "400 " + e.failure().message();
    }
  }

  /** The validation as it was, on a Jackson tree. */
  private static String oracle(String raw, boolean countTokens) {
    if (raw.isEmpty()) return "400 Request body is empty: send a JSON object";
    JsonNode root;
    try {
      root = JSON.readTree(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return "400 Request body is not valid JSON: " + e.getOriginalMessage();
    } catch (java.io.IOException e) {
      return "400 Request body could not be read";
    }
    if (root == null || !root.isObject()) return "400 Request body must be a JSON object";
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank())
      return "400 model: required, a non-empty string";
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray()) return "400 messages: required, an array of messages";
    if (messages.isEmpty()) return "400 messages: must not be empty";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.isObject()) return "400 messages[" + i + "]: must be an object with role and content";
      JsonNode role = m.get("role");
      if (role == null || !role.isTextual()) return "400 messages[" + i + "].role: required, a string";
      JsonNode content = m.get("content");
      if (content == null || !(content.isTextual() || content.isArray())) {
        return "400 messages[" + i + "].content: required, a string or an array of content blocks";
      }
    }
    JsonNode stream = root.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) return "400 stream: must be a boolean";
    JsonNode maxTokens = root.get("max_tokens");
    if (!countTokens && maxTokens != null && !maxTokens.isNull()
        && !(maxTokens.isIntegralNumber() && maxTokens.asLong() > 0)) {
      return "400 max_tokens: must be a positive integer";
    }
    JsonNode system = root.get("system");
    if (system != null && !system.isNull() && !(system.isTextual() || system.isArray())) {
      return "400 system: must be a string or an array of text blocks";
    }
    JsonNode metadata = root.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) return "400 metadata: must be an object";
    JsonNode userId = root.path("metadata").get("user_id");
    String bodySession = null;
    for (String field : new String[]{"session_id", "prompt_cache_key", "conversation_id"}) {
      JsonNode v = root.get(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        bodySession = v.asText();
        break;
      }
    }
    return "ok " + model.asText() + " " + (stream != null && stream.asBoolean(false)) + " "
        + (userId != null && userId.isTextual() ? userId.asText() : null) + " " + bodySession;
  }
}
