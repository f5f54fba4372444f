package io.clauderelay.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.usage.TokenUsage;
import java.util.function.Function;

/** A JSON answer relayed unchanged while its usage and model are read from named fields. */
public final class JsonUsageTap {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonUsageTap() {}

  /** Reads {@code usageField} with {@code reader} and the model from {@code modelField}. */
  public static BodyTap of(String usageField, Function<JsonNode, TokenUsage> reader, String modelField) {
    return body -> {
      try {
        JsonNode root = JSON.readTree(body.getBytes());
        return new BodyTap.Result(body, reader.apply(root.get(usageField)),
            root.hasNonNull(modelField) ? root.get(modelField).asText() : null);
      } catch (Exception unparseable) {
        return new BodyTap.Result(body, TokenUsage.ZERO, null); // relayed as is; nothing to bill
      }
    };
  }
}
