package io.clauderelay.server.observe;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.ApiFamily;

/**
 * One ended client request as metrics see it.
 *
 * @param failure the expected failure that answered it, or null when the upstream's answer went back
 * @param keyId the key's id once authenticated (never its name or material), else null
 * @param accountId the account that served it, or null when none did
 * @param firstByteMs 0 when no byte came from upstream
 */
public record RequestEnded(ApiFamily family, Provider provider, String model, int status, FailureKind failure,
    String keyId, String accountId, boolean stream, long latencyMs, long firstByteMs) {}
