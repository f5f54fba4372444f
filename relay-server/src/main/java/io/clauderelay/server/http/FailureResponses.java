package io.clauderelay.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.vertx.core.http.HttpServerResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping from failure kinds to HTTP status and error type, and the rendering of a
 * failure in the error shape of the route's API family (SPEC §4). Extra fields (limits, reset
 * times) go beside the {@code error} object.
 */
public final class FailureResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a client should wait before retrying when the store is briefly away (a Sentinel failover). */
  public static final long STORE_RETRY_AFTER_SECONDS = 2;

  /** Status and Anthropic-style error type of each kind. */
  public record Mapping(int status, String type) {}

  private static final Map<FailureKind, Mapping> MAPPINGS = new EnumMap<>(FailureKind.class);

  static {
    m(FailureKind.CALLER_BAD_REQUEST, 400, "invalid_request_error");
    m(FailureKind.CALLER_NOT_FOUND, 404, "not_found_error");
    m(FailureKind.CALLER_PAYLOAD_TOO_LARGE, 413, "request_too_large");
    m(FailureKind.CALLER_METHOD_NOT_ALLOWED, 405, "invalid_request_error");
    m(FailureKind.AUTH_MISSING_KEY, 401, "authentication_error");
    m(FailureKind.AUTH_INVALID_KEY, 401, "authentication_error");
    m(FailureKind.AUTH_KEY_DISABLED, 401, "authentication_error");
    m(FailureKind.AUTH_KEY_EXPIRED, 401, "authentication_error");
    m(FailureKind.ADMIN_UNAUTHORIZED, 401, "authentication_error");
    m(FailureKind.ADMIN_LOCKED_OUT, 429, "rate_limit_error");
    m(FailureKind.POLICY_PERMISSION_DENIED, 403, "permission_error");
    m(FailureKind.POLICY_MODEL_BLOCKED, 403, "permission_error");
    m(FailureKind.POLICY_CLIENT_NOT_ALLOWED, 403, "permission_error");
    m(FailureKind.POLICY_CONCURRENCY_LIMIT, 429, "rate_limit_error");
    m(FailureKind.POLICY_WINDOW_LIMIT, 429, "rate_limit_error");
    // 402, not 429, so that Claude Code does not retry in a loop (SPEC §5).
    m(FailureKind.POLICY_DAILY_COST_LIMIT, 402, "insufficient_quota");
    m(FailureKind.POLICY_TOTAL_COST_LIMIT, 402, "insufficient_quota");
    m(FailureKind.POLICY_WEEKLY_COST_LIMIT, 402, "insufficient_quota");
    m(FailureKind.PROVIDER_NO_ACCOUNT, 503, "api_error");
    // An upstream account's credential problem is the relay's, not the client's: never a 401.
    m(FailureKind.PROVIDER_AUTH, 502, "api_error");
    m(FailureKind.PROVIDER_RATE_LIMITED, 429, "rate_limit_error");
    m(FailureKind.PROVIDER_OVERLOADED, 529, "overloaded_error");
    m(FailureKind.PROVIDER_SERVER_ERROR, 502, "api_error");
    m(FailureKind.PROVIDER_TIMEOUT, 504, "api_error");
    m(FailureKind.PROVIDER_UNREACHABLE, 502, "api_error");
    m(FailureKind.RELAY_STORE_UNAVAILABLE, 503, "api_error");
    m(FailureKind.RELAY_SHUTTING_DOWN, 503, "api_error");
    m(FailureKind.RELAY_OVERLOADED, 503, "api_error");
    m(FailureKind.RELAY_INTERNAL, 500, "api_error");
  }

  private FailureResponses() {}

  private static void m(FailureKind kind, int status, String type) {
    MAPPINGS.put(kind, new Mapping(status, type));
  }

  /**
   * The answer on every route to an unexpected error behind a store call (the store briefly away,
   * e.g. mid-failover): 503 with Retry-After, which a client and Nginx can act on.
   */
  public static Failure storeUnavailable(String message) {
    return Failure.of(FailureKind.RELAY_STORE_UNAVAILABLE, message).withRetryAfter(STORE_RETRY_AFTER_SECONDS);
  }

  public static Mapping mapping(FailureKind kind) {
    return MAPPINGS.get(kind);
  }

  /** The machine-readable code of cost-limit refusals, also used by the OpenAI shape. */
  public static String code(FailureKind kind) {
    return switch (kind) {
      case POLICY_DAILY_COST_LIMIT -> "daily_cost_limit_exceeded";
      case POLICY_TOTAL_COST_LIMIT -> "total_cost_limit_exceeded";
      case POLICY_WEEKLY_COST_LIMIT -> "weekly_cost_limit_exceeded";
      case POLICY_CONCURRENCY_LIMIT -> "concurrency_limit_exceeded";
      case POLICY_WINDOW_LIMIT -> "rate_limit_exceeded";
      case POLICY_MODEL_BLOCKED -> "model_not_allowed";
      case POLICY_CLIENT_NOT_ALLOWED -> "client_not_allowed";
      case POLICY_PERMISSION_DENIED -> "permission_denied";
      case AUTH_MISSING_KEY -> "missing_api_key";
      case AUTH_INVALID_KEY -> "invalid_api_key";
      case AUTH_KEY_DISABLED -> "api_key_disabled";
      case AUTH_KEY_EXPIRED -> "api_key_expired";
      case PROVIDER_NO_ACCOUNT -> "no_available_account";
      default -> MAPPINGS.get(kind).type();
    };
  }

  /** Writes the failure as the whole response (status, headers, body). */
  public static void send(HttpServerResponse response, ApiFamily family, Failure failure) {
    send(response, family, failure, mapping(failure.kind()).status(), mapping(failure.kind()).type());
  }

  /** Writes an error with an explicit status and type (upstream errors relayed in our shape). */
  public static void send(HttpServerResponse response, ApiFamily family, Failure failure, int status, String type) {
    if (response.headWritten()) {
      if (!response.ended()) response.end();
      return;
    }
    Rendered r = render(family, failure, status, type);
    response.setStatusCode(r.status());
    r.headers().forEach(response::putHeader);
    response.end(r.body());
  }

  /** A failure as a whole HTTP answer: status, headers in order, body. */
  public record Rendered(int status, Map<String, String> headers, String body) {}

  /** The failure in the family's error shape, with its mapped status and type. */
  public static Rendered render(ApiFamily family, Failure failure) {
    return render(family, failure, mapping(failure.kind()).status(), mapping(failure.kind()).type());
  }

  /** The failure in the family's error shape with an explicit status and type. */
  public static Rendered render(ApiFamily family, Failure failure, int status, String type) {
    ObjectNode body = body(family, failure, status, type);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    Long retryAfter = failure.retryAfterSeconds() != null
        ? failure.retryAfterSeconds()
        : failure.kind() == FailureKind.RELAY_STORE_UNAVAILABLE ? Long.valueOf(STORE_RETRY_AFTER_SECONDS) : null;
    if (retryAfter != null) headers.put("retry-after", Long.toString(retryAfter));
    return new Rendered(status, headers, body.toString());
  }

  static ObjectNode body(ApiFamily family, Failure failure, int status, String type) {
    ObjectNode root = JSON.createObjectNode();
    switch (family) {
      case OPENAI -> {
        ObjectNode e = root.putObject("error");
        e.put("message", failure.message());
        e.put("type", type);
        e.put("code", code(failure.kind()));
      }
      case GEMINI -> {
        ObjectNode e = root.putObject("error");
        e.put("code", status);
        e.put("message", failure.message());
        e.put("status", grpcStatus(status));
      }
      case ADMIN -> {
        root.put("success", false);
        root.put("error", code(failure.kind()));
        root.put("message", failure.message());
      }
      default -> {
        root.put("type", "error");
        ObjectNode e = root.putObject("error");
        e.put("type", type);
        e.put("message", failure.message());
        if (status == 402) e.put("code", code(failure.kind()));
      }
    }
    failure.details().forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    return root;
  }

  private static String grpcStatus(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 402, 429 -> "RESOURCE_EXHAUSTED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 413 -> "INVALID_ARGUMENT";
      case 503, 529 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "INTERNAL";
    };
  }
}
