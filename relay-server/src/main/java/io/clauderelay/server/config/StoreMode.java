package io.clauderelay.server.config;

/** Where keys, usage and sessions live: Redis behind Sentinel, one Redis, or the in-process memory store. */
public enum StoreMode {
  SENTINEL, STANDALONE, EMBEDDED
}
