package io.clauderelay.redis.testing;

import io.clauderelay.redis.RedisCommands;
import io.clauderelay.redis.RedisConnector;
import io.clauderelay.redis.RedisSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One password-protected {@link RedisServerProcess} with a Vert.x instance and the stores' command
 * runner on it, for a test class: a static {@code @RegisterExtension} field started before the
 * class's tests and stopped after them; tests {@link #flush()} before each test.
 */
public final class RedisFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  public static final String PASSWORD = "test-secret";

  private RedisServerProcess server;
  private Vertx vertx;
  private RedisCommands commands;

  private RedisFixture() {}

  /** Not started yet: JUnit starts it, as a static {@code @RegisterExtension} field. */
  public static RedisFixture perClass() {
    return new RedisFixture();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServerProcess.start(PASSWORD);
    vertx = Vertx.vertx();
    commands = RedisConnector.commands(vertx, settings());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
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
