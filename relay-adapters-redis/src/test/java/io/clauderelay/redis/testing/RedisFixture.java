package io.clauderelay.redis.testing;

import io.clauderelay.redis.RedisCommands;
import io.clauderelay.redis.RedisConnector;
import io.clauderelay.redis.RedisSettings;
import io.vertx.core.Vertx;

/**
 * One password-protected {@link RedisServerProcess} with a Vert.x instance and the stores' command
 * runner on it, for a test class: start it in {@code @BeforeAll}, {@link #flush()} before each test.
 */
public final class RedisFixture implements AutoCloseable {
  public static final String PASSWORD = "test-secret";

  private final RedisServerProcess server;
  private final Vertx vertx;
  private final RedisCommands commands;

  private RedisFixture(RedisServerProcess server) {
    this.server = server;
    this.vertx = Vertx.vertx();
    this.commands = RedisConnector.commands(vertx, settings());
  }

  public static RedisFixture start() {
    return new RedisFixture(RedisServerProcess.start(PASSWORD));
  }

  public RedisSettings settings() {
    return RedisSettings.standalone("127.0.0.1", server.port(), 0, PASSWORD);
  }

  public RedisServerProcess server() {
    return server;
  }

  public Vertx vertx() {
    return vertx;
  }

  public RedisCommands commands() {
    return commands;
  }

  public void flush() {
    server.flushAll();
  }

  @Override
  public void close() {
    commands.close().await();
    vertx.close().await();
    server.stop();
  }
}
