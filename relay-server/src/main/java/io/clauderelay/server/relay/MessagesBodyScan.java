package io.clauderelay.server.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One streaming pass over a Messages request body: checks what {@link MessagesRequest} validates and
 * keeps the few values the relay reads, without building a tree of the prompt. Message contents are
 * skipped, not copied: on a Claude Code body the tree was most of the relay's allocation.
 *
 * <p>Checks are reported in a fixed order, whatever the order of the fields, and a repeated field
 * counts by its last occurrence, as in a Jackson tree.
 */
final class MessagesBodyScan {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What a JSON value was, as far as the checks care. */
  enum Kind {
    ABSENT, NULL, STRING, BLANK_STRING, ARRAY, EMPTY_ARRAY, OBJECT, BOOLEAN, POSITIVE_INT, OTHER_INT, OTHER
  }

  boolean rootIsObject = true;
  Kind model = Kind.ABSENT;
  String modelName;
  Kind messages = Kind.ABSENT;
  /** The first message that fails its checks, as the message to report; null when all pass. */
  String messageProblem;
  Kind stream = Kind.ABSENT;
  boolean streamValue;
  Kind maxTokens = Kind.ABSENT;
  Kind system = Kind.ABSENT;
  Kind metadata = Kind.ABSENT;
  String metadataUserId;
  String sessionIdField;
  String promptCacheKey;
  String conversationId;
  /** The last message is the user's and carries no tool result: a new user turn (issue 20). */
  boolean lastIsNewUserTurn;

  /** Scans {@code bytes[offset, offset + length)}; a root that is not an object only clears {@link #rootIsObject}. */
  static MessagesBodyScan scan(byte[] bytes, int offset, int length) throws IOException {
    MessagesBodyScan s = new MessagesBodyScan();
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonToken root = p.nextToken();
      if (root != JsonToken.START_OBJECT) {
        // Whitespace only, or another JSON value: parsed to its end, so bad JSON is still reported as such.
        if (root != null) p.skipChildren();
        s.rootIsObject = false;
        return s;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "model" -> {
            s.model = kind(p, t);
            s.modelName = t == JsonToken.VALUE_STRING ? p.getText() : null;
          }
          case "messages" -> s.scanMessages(p, t);
          case "stream" -> {
            s.stream = kind(p, t);
            s.streamValue = t == JsonToken.VALUE_TRUE;
          }
          case "max_tokens" -> s.maxTokens = kind(p, t);
          case "system" -> s.system = kind(p, t);
          case "metadata" -> s.scanMetadata(p, t);
          case "session_id" -> s.sessionIdField = textOrNull(p, t);
          case "prompt_cache_key" -> s.promptCacheKey = textOrNull(p, t);
          case "conversation_id" -> s.conversationId = textOrNull(p, t);
          default -> p.skipChildren();
        }
      }
    }
    return s;
  }

  private void scanMetadata(JsonParser p, JsonToken t) throws IOException {
    metadataUserId = null;
    if (t != JsonToken.START_OBJECT) {
      metadata = kind(p, t);
      return;
    }
    metadata = Kind.OBJECT;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if ("user_id".equals(field)) metadataUserId = textOrNull(p, v);
      else p.skipChildren();
    }
  }

  private void scanMessages(JsonParser p, JsonToken t) throws IOException {
    messageProblem = null;
    if (t != JsonToken.START_ARRAY) {
      messages = kind(p, t);
      return;
    }
    int i = 0;
    JsonToken m;
    while ((m = p.nextToken()) != JsonToken.END_ARRAY) {
      String problem = messageProblem(p, m, i);
      lastIsNewUserTurn = lastUser && !lastToolResult;
      if (messageProblem == null) messageProblem = problem;
      i++;
    }
    messages = i == 0 ? Kind.EMPTY_ARRAY : Kind.ARRAY;
  }

  // The message just read: whether it is the user's, and whether its content holds a tool_result block.
  private boolean lastUser;
  private boolean lastToolResult;

  /** Reads one message (leaving the parser at its last token); its problem, or null. */
  private String messageProblem(JsonParser p, JsonToken m, int i) throws IOException {
    lastUser = false;
    lastToolResult = false;
    if (m != JsonToken.START_OBJECT) {
      p.skipChildren();
      return "messages[" + i + "]: must be an object with role and content";
    }
    JsonToken role = null;
    JsonToken content = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if ("role".equals(field)) {
        role = v;
        lastUser = v == JsonToken.VALUE_STRING && "user".equals(p.getText());
      } else if ("content".equals(field)) {
        content = v;
        if (v == JsonToken.START_ARRAY) {
          lastToolResult = hasToolResult(p);
          continue;
        }
      }
      p.skipChildren();
    }
    if (role != JsonToken.VALUE_STRING) return "messages[" + i + "].role: required, a string";
    if (content != JsonToken.VALUE_STRING && content != JsonToken.START_ARRAY) {
      return "messages[" + i + "].content: required, a string or an array of content blocks";
    }
    return null;
  }

  /** Reads a content array (the parser at its start, left at its end): whether a block is a tool_result. */
  private static boolean hasToolResult(JsonParser p) throws IOException {
    boolean found = false;
    JsonToken b;
    while ((b = p.nextToken()) != JsonToken.END_ARRAY) {
      if (b != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(field) && v == JsonToken.VALUE_STRING && "tool_result".equals(p.getText())) found = true;
        p.skipChildren();
      }
    }
    return found;
  }

  private static String textOrNull(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) return p.getText();
    p.skipChildren();
    return null;
  }

  /** The kind of the value at {@code t}, skipping past it when it is a container. */
  private static Kind kind(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_NULL -> Kind.NULL;
      case VALUE_STRING -> p.getText().isBlank() ? Kind.BLANK_STRING : Kind.STRING;
      case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
      case VALUE_NUMBER_INT -> positive(p) ? Kind.POSITIVE_INT : Kind.OTHER_INT;
      case START_ARRAY -> {
        boolean empty = p.nextToken() == JsonToken.END_ARRAY;
        if (!empty) {
          p.skipChildren();
          while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
        }
        yield empty ? Kind.EMPTY_ARRAY : Kind.ARRAY;
      }
      case START_OBJECT -> {
        p.skipChildren();
        yield Kind.OBJECT;
      }
      default -> Kind.OTHER;
    };
  }

  /** As a Jackson tree's {@code asLong() > 0}: a big integer counts by its low 64 bits. */
  private static boolean positive(JsonParser p) throws IOException {
    long v = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        ? p.getBigIntegerValue().longValue()
        : p.getLongValue();
    return v > 0;
  }
}
