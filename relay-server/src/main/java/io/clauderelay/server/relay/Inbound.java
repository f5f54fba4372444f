package io.clauderelay.server.relay;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.function.Function;

/**
 * One client request as the relay use case reads it, whatever received it: method, path
 * parameters, query, headers, body bytes, client address and request id. The HTTP layer builds it
 * ({@code http/RelayEndpoint}); a test builds it directly.
 */
public final class Inbound {
  private final String method;
  private final Map<String, String> pathParams;
  private final String query;
  private final MultiMap queryParams;
  private final MultiMap headers;
  private final Buffer body;
  private final String clientAddress;
  private final String requestId;
  /** What a parser made of the body, kept so a dispatcher's peek and the route's parse read it once. */
  private Object parsedBody;

  public Inbound(String method, Map<String, String> pathParams, String query, MultiMap queryParams,
      MultiMap headers, Buffer body, String clientAddress, String requestId) {
    this.method = method;
    this.pathParams = pathParams; // the request's own map, read only: no copy on the hot path
    this.query = query;
    this.queryParams = queryParams;
    this.headers = headers;
    this.body = body;
    this.clientAddress = clientAddress;
    this.requestId = requestId;
  }

  public String method() {
    return method;
  }

  /** A path parameter (e.g. the Gemini model), or null. */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The raw query string as received (forwarded upstream), or null. */
  public String query() {
    return query;
  }

  /** A decoded query parameter, or null. */
  public String queryParam(String name) {
    return queryParams.get(name);
  }

  public MultiMap headers() {
    return headers;
  }

  /** A header (case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body bytes; null when the request had none. */
  public Buffer body() {
    return body;
  }

  /** The body size in bytes, -1 without a body. */
  public int bodyLength() {
    return body == null ? -1 : body.length();
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String requestId() {
    return requestId;
  }

  /** The body as {@code parser} reads it, parsed once per request (a failure is not kept). */
  @SuppressWarnings("unchecked")
  public <T> T parsed(Class<T> type, Function<Buffer, T> parser) {
    if (type.isInstance(parsedBody)) return (T) parsedBody;
    T value = parser.apply(body);
    parsedBody = value;
    return value;
  }
}
