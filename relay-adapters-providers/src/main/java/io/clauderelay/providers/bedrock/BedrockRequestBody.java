package io.clauderelay.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Anthropic Messages body as Bedrock's InvokeModel takes it: the model goes in the path, not the
 * body; {@code stream} is the choice of operation; {@code anthropic_version} is Bedrock's; the
 * client's {@code anthropic-beta} header becomes the body's {@code anthropic_beta} list.
 */
public record BedrockRequestBody(boolean stream, byte[] bytes) {
  public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws IllegalArgumentException when {@code anthropicBody} is not a JSON object */
  public static BedrockRequestBody of(byte[] anthropicBody, List<String> betaHeaders) {
    ObjectNode body = object(anthropicBody);
    boolean stream = body.path("stream").asBoolean(false);
    body.remove("model");
    body.remove("stream");
    if (!body.hasNonNull("anthropic_version")) body.put("anthropic_version", ANTHROPIC_VERSION);
    Set<String> betas = new LinkedHashSet<>();
    body.path("anthropic_beta").forEach(b -> betas.add(b.asText()));
    for (String header : betaHeaders) {
      for (String b : header.split(",")) {
        if (!b.isBlank()) betas.add(b.trim());
      }
    }
    if (!betas.isEmpty()) {
      ArrayNode list = body.putArray("anthropic_beta");
      betas.forEach(list::add);
    }
    return new BedrockRequestBody(stream, bytes(body));
  }

  /**
   * The CountTokens body: the InvokeModel body (with the {@code max_tokens} Bedrock requires but a
   * token count does not carry) base64-encoded inside {@code input.invokeModel.body}.
   */
  public static byte[] countTokens(byte[] anthropicBody, List<String> betaHeaders) {
    ObjectNode invoke = object(of(anthropicBody, betaHeaders).bytes());
    if (!invoke.hasNonNull("max_tokens")) invoke.put("max_tokens", 1);
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.putObject("input").putObject("invokeModel").put("body",
        Base64.getEncoder().encodeToString(bytes(invoke)));
    return bytes(wrapper);
  }

  private static ObjectNode object(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n instanceof ObjectNode o) return o;
    } catch (IOException notJson) {
      // below
    }
    throw new IllegalArgumentException("the request body is not a JSON object");
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
