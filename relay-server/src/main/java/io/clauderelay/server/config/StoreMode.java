package io.clauderelay.server.config;

/** Where keys, usage and sessions live: Redis behind Sentinel, a Redis Cluster, one Redis, or the embedded store. */
public enum StoreMode {
  SENTINEL, CLUSTER, STANDALONE, EMBEDDED
}
