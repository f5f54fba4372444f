package io.clauderelay.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The type and message of an upstream error body, whatever shape it came in, so the relay can
 * answer in its own error shape without leaking the upstream's account details.
 */
public record AnthropicErrorBody(String type, String message) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static AnthropicErrorBody parse(int status, byte[] body) {
    String fallbackType = defaultType(status);
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.path("error");
      if (error.isObject()) {
        return new AnthropicErrorBody(error.path("type").asText(fallbackType),
            error.path("message").asText("Upstream error " + status));
      }
      if (error.isTextual()) return new AnthropicErrorBody(fallbackType, error.asText());
      if (root.hasNonNull("message")) return new AnthropicErrorBody(fallbackType, root.get("message").asText());
    } catch (Exception notJson) {
      // fall through: non-JSON upstream bodies (HTML from a proxy) are not shown to clients
    }
    return new AnthropicErrorBody(fallbackType, "Upstream returned HTTP " + status);
  }

  public static String defaultType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
