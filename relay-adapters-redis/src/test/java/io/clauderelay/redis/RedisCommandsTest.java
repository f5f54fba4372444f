package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command runner turns an absent or silent Redis into a prompt failure, never a hang. */
class RedisCommandsTest {
  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  @Test
  void aRefusedConnectionFailsAfterTheConfiguredRetries() {
    int nobody = RedisServerProcess.freePort();
    RedisCommands commands = RedisConnector.commands(vertx,
        RedisSettings.standalone("127.0.0.1", nobody, 0, null).withConnectRetries(2));

    assertThatThrownBy(() -> commands.send(Request.cmd(Command.PING)).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .satisfies(e -> assertThat(RedisCommands.neverSent(e)).isTrue());
    assertThat(RedisCommands.neverSent(new ConnectException("x"))).isTrue();
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) accepted.add(silent.accept());
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      RedisCommands commands = RedisConnector.commands(vertx,
          RedisSettings.standalone("127.0.0.1", silent.getLocalPort(), 0, null)
              .withCommandTimeout(Duration.ofMillis(300)));

      assertThatThrownBy(() -> commands.send(Request.cmd(Command.PING)).toCompletableFuture().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    } finally {
      for (Socket s : accepted) s.close();
    }
  }
}
