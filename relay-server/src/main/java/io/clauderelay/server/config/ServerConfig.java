package io.clauderelay.server.config;

import java.nio.file.Path;

/** Listen address, proxy trust and the data folder. */
public record ServerConfig(String host, int port, boolean trustProxy, Path dataDir) {

    static ServerConfig from(EnvValues env) {
        return new ServerConfig(
                env.text("HOST", "127.0.0.1"),
                env.intInRange("PORT", 3000, 1, 65535, "PORT=3000"),
                env.bool("TRUST_PROXY", false),
                env.path("DATA_DIR", "./data"));
    }
}
