package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.redis.testing.RedisFixture;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands issued on an event loop travel on that loop's own long-lived connection (CLIENT ID tells
 * which connection served a command), many at once, and a connection that dies or stalls is replaced.
 */
class LoopConnectionsTest {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private RedisCommands commands;

  @BeforeEach
  void flush() {
    redis.flush();
  }

  @AfterEach
  void closeCommands() {
    if (commands != null) commands.close().await();
  }

  /** A pool of one connection that lets one command wait: anything more on the pool fails. */
  private RedisCommands withTinyPool(Duration timeout) {
    RedisSettings s = redis.settings();
    RedisSettings tiny = new RedisSettings(s.mode(), s.host(), s.port(), s.db(), s.password(), s.sentinelHosts(),
        s.masterName(), 1, 1, s.connectTimeout(), timeout, 0);
    Redis pool = Redis.createClient(redis.vertx(), RedisConnector.options(tiny));
    Redis lanes = Redis.createClient(redis.vertx(), RedisConnector.options(redis.settings()));
    return new RedisCommands(redis.vertx(), pool, lanes, LoopConnections.MasterCheck.STANDALONE, timeout, 0, false);
  }

  private static <T> T onLoop(Context ctx, Supplier<CompletionStage<T>> call) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    ctx.runOnContext(v -> call.get().whenComplete((r, e) -> {
      if (e != null) done.completeExceptionally(e);
      else done.complete(r);
    }));
    return done.get(10, TimeUnit.SECONDS);
  }

  private long clientId(Context ctx) throws Exception {
    return onLoop(ctx, () -> commands.send(Request.cmd(Command.CLIENT).arg("ID"))).toLong();
  }

  /** A fresh event-loop context (a thread outside Vert.x keeps one context, so ask from a new thread). */
  private static Context newContext() throws InterruptedException {
    Context[] made = new Context[1];
    Thread t = new Thread(() -> made[0] = redis.vertx().getOrCreateContext());
    t.start();
    t.join();
    return made[0];
  }

  private static Thread threadOf(Context ctx) throws Exception {
    return onLoop(ctx, () -> CompletableFuture.completedFuture(Thread.currentThread()));
  }

  @Test
  void eachEventLoopKeepsOneConnection() throws Exception {
    commands = withTinyPool(Duration.ofSeconds(5));
    Context a = newContext();
    Context b = newContext();
    // New contexts take the event loops in turn: find one on another loop than a's.
    for (int i = 0; i < 16 && threadOf(a) == threadOf(b); i++) b = newContext();
    assertThat(threadOf(a)).isNotSameAs(threadOf(b));

    long first = clientId(a);
    assertThat(clientId(a)).isEqualTo(first);
    assertThat(clientId(a)).isEqualTo(first);
    assertThat(clientId(b)).isNotEqualTo(first);
  }

  @Test
  void aThousandCommandsInFlightAtOnceAllAnswerInOrder() throws Exception {
    commands = withTinyPool(Duration.ofSeconds(5));
    Context loop = newContext();

    List<Response> answers = onLoop(loop, () -> {
      List<CompletableFuture<Response>> all = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        all.add(commands.send(Request.cmd(Command.INCR).arg("lanes:counter")).toCompletableFuture());
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    });

    // On a pool of one connection and one waiter, 998 of these would have been refused.
    Set<Long> values = answers.stream().map(Response::toLong).collect(Collectors.toCollection(TreeSet::new));
    assertThat(values).containsExactlyElementsOf(IntStream.rangeClosed(1, 1000).mapToObj(i -> (long) i).toList());
    // Pipelined on one connection, the answers come back in the order the commands were issued.
    assertThat(answers.get(0).toLong()).isEqualTo(1);
    assertThat(answers.get(999).toLong()).isEqualTo(1000);
  }

  @Test
  void aKilledConnectionIsReplacedByTheNextCommand() throws Exception {
    commands = withTinyPool(Duration.ofSeconds(5));
    Context loop = newContext();
    long before = clientId(loop);

    redis.commands().send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(before)).toCompletableFuture().get();

    long after = 0;
    for (int i = 0; i < 100 && after == 0; i++) {
      try {
        after = clientId(loop);
      } catch (ExecutionException inFlightOnTheDeadSocket) {
        Thread.sleep(20);
      }
    }
    assertThat(after).isNotZero().isNotEqualTo(before);
    assertThat(clientId(loop)).isEqualTo(after);
  }

  @Test
  void aConnectionThatLetsACommandTimeOutIsNotUsedAgain() throws Exception {
    commands = withTinyPool(Duration.ofMillis(300));
    Context loop = newContext();
    long before = clientId(loop);

    // Redis holds every other client's commands for a second: the lane's next command times out.
    redis.commands().send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1000).arg("ALL")).toCompletableFuture().get();
    assertThatThrownBy(() -> clientId(loop)).hasCauseInstanceOf(TimeoutException.class);

    Thread.sleep(1000);
    long after = clientId(loop);
    assertThat(after).isNotEqualTo(before);
  }
}
