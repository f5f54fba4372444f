package io.clauderelay.domain.port;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Maps a conversation's session id to the account serving it, with a renewable time to live.
 *
 * @deprecated sessions now live in the ledger, per key: {@code AdmissionRequest.withSession} reads
 *     and renews the binding during admission, {@code UsageSettlement.sticky} binds or forgets it,
 *     {@code AdmissionStore.release(key, lease, session)} forgets it — no round trip of their own.
 *     Kept until the relay routes no longer call it.
 */
@Deprecated
public interface StickySessionStore {

  /** The bound account id, renewing the binding's TTL when found. */
  CompletionStage<Optional<String>> find(String sessionId, Duration ttl);

  CompletionStage<Void> bind(String sessionId, String accountId, Duration ttl);

  CompletionStage<Void> forget(String sessionId);
}
