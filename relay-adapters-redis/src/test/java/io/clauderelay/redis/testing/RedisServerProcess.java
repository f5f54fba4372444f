package io.clauderelay.redis.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway {@code redis-server} on a free loopback port, without persistence. {@link #stop()}
 * ends only the process this object started; a shutdown hook does the same if a test forgets.
 */
public final class RedisServerProcess implements AutoCloseable {
  public static final String BINARY = System.getProperty("redis.server.binary", "/usr/bin/redis-server");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final String password;
  private final Process process;
  private final Path dir;
  private final Thread hook;

  private RedisServerProcess(int port, String password, Process process, Path dir) {
    this.port = port;
    this.password = password;
    this.process = process;
    this.dir = dir;
    this.hook = new Thread(process::destroyForcibly, "redis-server-" + port + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server without a password. */
  public static RedisServerProcess start() {
    return start(null);
  }

  /** Starts a server, with {@code requirepass} when a password is given; retries on a lost port race. */
  public static RedisServerProcess start(String password) {
    return start(password, List.of());
  }

  /** Starts a server with more {@code redis-server} arguments (e.g. {@code --cluster-enabled yes}). */
  public static RedisServerProcess start(String password, List<String> extraArgs) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return startOnce(freePort(), password, extraArgs);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * Starts a server on a given port, e.g. to bring a stopped server back where its clients expect
   * it (its data is gone: no persistence).
   */
  public static RedisServerProcess startOnPort(int port, String password) {
    return startOnce(port, password, List.of());
  }

  private static RedisServerProcess startOnce(int port, String password, List<String> extraArgs) {
    try {
      Path dir = Files.createTempDirectory("redis-" + port + "-");
      List<String> cmd = new ArrayList<>(List.of(BINARY, "--save", "", "--appendonly", "no",
          "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", dir.toString()));
      if (password != null) cmd.addAll(List.of("--requirepass", password));
      cmd.addAll(extraArgs);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
      RedisServerProcess server = new RedisServerProcess(port, password, p, dir);
      if (!server.awaitPing()) {
        String log = Files.readString(dir.resolve("redis.log"));
        server.stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING:\n" + log);
      }
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + BINARY, e);
    }
  }

  /** Whether the binary exists, for tests that should be skipped on a machine without Redis. */
  public static boolean available() {
    return new File(BINARY).canExecute();
  }

  /**
   * A loopback port nothing listens on, below the kernel's ephemeral range when it leaves room: a port
   * from that range (what binding port 0 returns) can be taken as the source port of any outgoing
   * connection before the process meant for it binds it, and once nginx in a cluster test failed so.
   * Never the same port twice in one JVM, since callers bind their ports later.
   */
  public static synchronized int freePort() {
    int low = 10_000;
    int high = ephemeralRangeStart();
    for (int attempt = 0; high - low >= 1_000 && attempt < 200; attempt++) {
      int port = low + java.util.concurrent.ThreadLocalRandom.current().nextInt(high - low);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port the kernel hands out for outgoing connections (32768 when it cannot be read). */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private boolean awaitPing() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if ("PONG".equals(RespClient.call(port, password, "PING"))) return true;
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(20);
    }
    return false;
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A {@code redis://} URI for this server. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Runs one command on this server (see {@link RespClient}). */
  public Object call(String... args) {
    try {
      return RespClient.call(port, password, args);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void flushAll() {
    call("FLUSHALL");
  }

  /** Kills this server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Stops this server (SIGTERM, then SIGKILL if it lingers) and forgets the shutdown hook. */
  public void stop() {
    process.destroy();
    waitForExit();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run already
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    stop();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
