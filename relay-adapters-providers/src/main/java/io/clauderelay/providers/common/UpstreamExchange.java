package io.clauderelay.providers.common;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream call whose response head has arrived. The response is paused: the caller decides
 * how to consume the body and resumes it; {@link #cancel()} aborts the call (client went away).
 */
public record UpstreamExchange(HttpClientRequest request, HttpClientResponse response) {

  public int status() {
    return response.statusCode();
  }

  public void cancel() {
    request.reset();
  }
}
