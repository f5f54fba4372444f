package io.clauderelay.server.auth;

import io.clauderelay.server.store.Stores;

/**
 * Keeps every node's key cache honest: a key changed here is dropped from this node's cache and
 * announced to the others, which drop it too ("*" drops everything, e.g. after a reconnect).
 */
public final class KeyChanges {
  static final String KIND = "apikey";

  private final ClientKeyAuthenticator auth;
  private final Stores.Cluster cluster;

  public KeyChanges(ClientKeyAuthenticator auth, Stores.Cluster cluster) {
    this.auth = auth;
    this.cluster = cluster;
  }

  public void changed(String keyId) {
    auth.invalidate(keyId);
    cluster.publishInvalidation(KIND, keyId);
  }

  public void onRemote(String kind, String id) {
    if ("*".equals(kind) || "*".equals(id)) auth.invalidateAll();
    else if (KIND.equals(kind)) auth.invalidate(id);
  }
}
