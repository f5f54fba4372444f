package io.clauderelay.domain.key;

import io.clauderelay.domain.Provider;

/**
 * What the key policy needs to know about a request: which provider family the route serves, the
 * requested model (null when the route has none), the User-Agent, and whether it is a token count.
 */
public record RequestFacts(Provider provider, String model, String userAgent, boolean tokenCount) {}
