package io.clauderelay.server.config;

/** The run mode from APP_ENV (or NODE_ENV, kept for operators coming from the Node.js original). */
public enum AppEnv {
  DEVELOPMENT, PRODUCTION, TEST;

  public boolean isProduction() {
    return this == PRODUCTION;
  }
}
