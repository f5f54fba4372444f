package io.clauderelay.server.oauth;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** A cross-node lock with an owner-checked release (the store's job lock), as the refresher sees it. */
public interface ClusterLock {
  CompletionStage<Boolean> tryLock(String name, String owner, Duration ttl);

  CompletionStage<Void> unlock(String name, String owner);
}
