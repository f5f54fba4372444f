package io.clauderelay.server.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.relay.MessagesBodyScan.Kind;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Optional;

/**
 * A validated Anthropic Messages request body and the facts the relay reads from it (model,
 * stream flag, what identifies the conversation). The raw bytes are forwarded unchanged unless
 * the account maps the model to another name. Validation is one streaming pass
 * ({@link MessagesBodyScan}); a tree is built only for a model rename or a prompt-text session.
 */
public final class MessagesRequest extends BasicRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Buffer raw;
  private final String metadataUserId;
  private final String bodySessionId;
  private final boolean newUserTurn;
  /** Parsed only when needed: a mapped model name, or a session hashed from the prompt's text. */
  private ObjectNode tree;

  private MessagesRequest(Buffer raw, MessagesBodyScan scan) {
    super(scan.modelName, scan.streamValue, raw.length());
    this.raw = raw;
    this.metadataUserId = scan.metadataUserId;
    this.bodySessionId = firstNonBlank(scan.sessionIdField, scan.promptCacheKey, scan.conversationId);
    this.newUserTurn = scan.lastIsNewUserTurn;
  }

  @Override
  public boolean newUserTurn() {
    return newUserTurn;
  }

  /** Parses and validates; a bad body fails with a 400 that names the field. */
  public static MessagesRequest parse(Buffer raw, boolean countTokens) {
    if (raw == null || raw.length() == 0) throw bad("Request body is empty: send a JSON object");
    MessagesBodyScan s;
    try {
      ByteBuf bytes = ((BufferInternal) raw).getByteBuf();
      s = bytes.hasArray()
          ? MessagesBodyScan.scan(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
          : MessagesBodyScan.scan(raw.getBytes(), 0, raw.length());
    } catch (JsonProcessingException e) {
      throw bad("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad("Request body could not be read");
    }
    if (!s.rootIsObject) throw bad("Request body must be a JSON object");
    if (s.model != Kind.STRING) throw bad("model: required, a non-empty string");
    if (s.messages != Kind.ARRAY && s.messages != Kind.EMPTY_ARRAY)
      throw bad("messages: required, an array of messages");
    if (s.messages == Kind.EMPTY_ARRAY) throw bad("messages: must not be empty");
    if (s.messageProblem != null) throw bad(s.messageProblem);
    if (s.stream != Kind.ABSENT && s.stream != Kind.NULL && s.stream != Kind.BOOLEAN)
      throw bad("stream: must be a boolean");
    if (!countTokens && s.maxTokens != Kind.ABSENT && s.maxTokens != Kind.NULL && s.maxTokens != Kind.POSITIVE_INT) {
      throw bad("max_tokens: must be a positive integer");
    }
    if (s.system != Kind.ABSENT && s.system != Kind.NULL && !isStringOrArray(s.system)) {
      throw bad("system: must be a string or an array of text blocks");
    }
    if (s.metadata != Kind.ABSENT && s.metadata != Kind.NULL && s.metadata != Kind.OBJECT)
      throw bad("metadata: must be an object");
    return new MessagesRequest(raw, s);
  }

  private static boolean isStringOrArray(Kind k) {
    return k == Kind.STRING || k == Kind.BLANK_STRING || k == Kind.ARRAY || k == Kind.EMPTY_ARRAY;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v;
    return null;
  }

  private ObjectNode tree() {
    if (tree == null) {
      try {
        tree = (ObjectNode) JSON.readTree(raw.getBytes());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("a body that passed validation did not parse", e);
      }
    }
    return tree;
  }

  private static FailureException bad(String message) {
    return new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST, message));
  }

  /** The body to send upstream: unchanged bytes, or re-serialised with the mapped model name. */
  @Override
  public Buffer bodyFor(String upstreamModel) {
    if (upstreamModel == null || upstreamModel.equals(model())) return raw;
    ObjectNode copy = tree().deepCopy();
    copy.put("model", upstreamModel);
    return Buffer.buffer(copy.toString());
  }

  @Override
  public Optional<String> sessionId(String headerSessionId) {
    return sessionId(metadataUserId(), headerSessionId, bodySessionId(), this::systemText, this::firstUserText);
  }

  public String metadataUserId() {
    return metadataUserId;
  }

  public String bodySessionId() {
    return bodySessionId;
  }

  public String systemText() {
    return text(tree().get("system"));
  }

  /** Text of the first user message: the stable start of a conversation, never the last. */
  public String firstUserText() {
    for (JsonNode m : tree().get("messages")) {
      if ("user".equals(m.path("role").asText())) return text(m.get("content"));
    }
    return "";
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) return "";
    if (node.isTextual()) return node.asText();
    StringBuilder sb = new StringBuilder();
    if (node.isArray()) {
      for (JsonNode part : node) {
        JsonNode t = part.get("text");
        if (t != null && t.isTextual()) {
          if (sb.length() > 0) sb.append('\n');
          sb.append(t.asText());
        }
      }
    }
    return sb.toString();
  }
}
