package io.clauderelay.domain.account;

import java.util.Map;
import java.util.Objects;

/**
 * What an account's upstream answered before any byte went to the client: the status, the headers
 * (names in lower case), the error message of a non-2xx body (empty when none), and the facts about
 * the attempt the rules need: a subscription account, whether its token was already refreshed for
 * this request, whether the account goes through a proxy, and the model sent upstream.
 */
public record UpstreamAnswer(int status, Map<String, String> headers, String errorMessage, boolean subscription,
    boolean tokenRefreshed, boolean proxied, String upstreamModel) {

  public UpstreamAnswer {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    errorMessage = errorMessage == null ? "" : errorMessage;
  }
}
