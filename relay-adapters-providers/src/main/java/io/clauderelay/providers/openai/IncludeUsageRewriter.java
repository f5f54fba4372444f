package io.clauderelay.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a streaming Chat Completions request report its usage: OpenAI only sends token counts in
 * a stream when {@code stream_options.include_usage} is true, and the relay must bill every
 * request. When the relay had to turn it on, the extra usage chunk is not the client's to see;
 * {@link UsageChunkFilter} removes it again.
 */
public final class IncludeUsageRewriter {
  private IncludeUsageRewriter() {}

  /** The request to send upstream and whether the relay added {@code include_usage} itself. */
  public record Result(ObjectNode body, boolean added) {}

  /**
   * Returns the request with {@code stream_options.include_usage: true}. The given tree is not
   * changed: the top level and {@code stream_options} are copied shallowly, so large message
   * arrays are shared, not duplicated. Non-streaming requests come back as they are.
   */
  public static Result rewrite(ObjectNode request) {
    if (!request.path("stream").asBoolean(false)) return new Result(request, false);
    JsonNode options = request.get("stream_options");
    if (options != null && options.path("include_usage").asBoolean(false)) return new Result(request, false);
    ObjectNode copy = request.objectNode();
    copy.setAll(request);
    ObjectNode newOptions = copy.objectNode();
    if (options != null && options.isObject()) newOptions.setAll((ObjectNode) options);
    newOptions.put("include_usage", true);
    copy.set("stream_options", newOptions);
    return new Result(copy, true);
  }
}
