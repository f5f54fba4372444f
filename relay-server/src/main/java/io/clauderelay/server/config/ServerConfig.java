package io.clauderelay.server.config;

import java.nio.file.Path;

/** Listen address, proxy trust and the data folder. */
public record ServerConfig(String host, int port, boolean trustProxy, Path dataDir) {

  static ServerConfig from(EnvValues env) {
    return new ServerConfig(
        env.text("HOST", "127.0.0.1"),
        // 0 asks the system for a free port (tests, benchmarks); the log says which one.
        env.intInRange("PORT", 3000, 0, 65535, "PORT=3000"),
        env.bool("TRUST_PROXY", false),
        env.path("DATA_DIR", "./data"));
  }
}
