package io.clauderelay.redis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Master + replica + three sentinels (quorum 2) on free loopback ports, no persistence, as in the
 * toolchain recipe: {@code repl-diskless-sync-delay 0} so the replica syncs at once, sentinels started
 * only after the replica link is up (otherwise they find the replica ~10 s late), and
 * {@code masterauth} on both data nodes so a demoted master can follow the new one.
 */
public final class SentinelTopology implements AutoCloseable {
  public static final String MASTER_NAME = "mymaster";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final String password;
  private final Path base;
  private final int[] dataPorts = new int[2];
  private final int[] sentinelPorts = new int[3];
  private final Map<Integer, Process> processes = new LinkedHashMap<>();
  private final Thread hook;

  private SentinelTopology(String password, Path base) {
    this.password = password;
    this.base = base;
    this.hook = new Thread(() -> processes.values().forEach(Process::destroyForcibly), "sentinel-topology-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts the topology with sentinel down-after 5000 ms (the recipe's value). */
  public static SentinelTopology start(String password) {
    return start(password, 5000);
  }

  /** Starts the topology; a small {@code downAfterMillis} makes failover tests faster. */
  public static SentinelTopology start(String password, int downAfterMillis) {
    try {
      SentinelTopology t = new SentinelTopology(password, Files.createTempDirectory("redis-sentinel-"));
      try {
        t.boot(downAfterMillis);
      } catch (RuntimeException | IOException e) {
        t.stop();
        throw e;
      }
      return t;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void boot(int downAfterMillis) throws IOException {
    for (int i = 0; i < 2; i++) dataPorts[i] = RedisServerProcess.freePort();
    for (int i = 0; i < 3; i++) sentinelPorts[i] = RedisServerProcess.freePort();
    for (int i = 0; i < 2; i++) {
      int p = dataPorts[i];
      Path dir = Files.createDirectories(base.resolve(Integer.toString(p)));
      String conf = "bind 127.0.0.1\nport " + p + "\ndir " + dir + "\nsave \"\"\nappendonly no\n"
          + "requirepass " + password + "\nmasterauth " + password + "\nlogfile " + dir.resolve("redis.log") + "\n"
          + "repl-diskless-sync-delay 0\n" + (i == 1 ? "replicaof 127.0.0.1 " + dataPorts[0] + "\n" : "");
      Files.writeString(dir.resolve("redis.conf"), conf);
      launch(p, List.of(RedisServerProcess.BINARY, dir.resolve("redis.conf").toString()));
    }
    await("replica link up", () -> replicaLinkUp(dataPorts[1]));
    for (int i = 0; i < 3; i++) {
      int p = sentinelPorts[i];
      Path dir = Files.createDirectories(base.resolve("s" + p));
      String conf = "bind 127.0.0.1\nport " + p + "\ndir " + dir + "\nlogfile " + dir.resolve("sentinel.log") + "\n"
          + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + dataPorts[0] + " 2\n"
          + "sentinel auth-pass " + MASTER_NAME + " " + password + "\n"
          + "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis + "\n"
          + "sentinel failover-timeout " + MASTER_NAME + " 10000\n"
          + "sentinel parallel-syncs " + MASTER_NAME + " 1\n";
      Files.writeString(dir.resolve("sentinel.conf"), conf);
      launch(p, List.of(RedisServerProcess.BINARY, dir.resolve("sentinel.conf").toString(), "--sentinel"));
    }
    await("sentinels converged", this::converged);
  }

  private void launch(int port, List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(base.resolve("out-" + port + ".log").toFile()).start();
    processes.put(port, p);
  }

  private boolean replicaLinkUp(int port) {
    try {
      Object info = RespClient.call(port, password, "INFO", "replication");
      return info instanceof String s && s.contains("master_link_status:up");
    } catch (IOException e) {
      return false;
    }
  }

  private boolean converged() {
    if (!replicaLinkUp(dataPorts[1])) return false;
    for (int p : sentinelPorts) {
      try {
        Map<String, String> m = pairs(RespClient.call(p, null, "SENTINEL", "MASTER", MASTER_NAME));
        if (!"1".equals(m.get("num-slaves")) || !"2".equals(m.get("num-other-sentinels"))) return false;
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> pairs(Object reply) {
    Map<String, String> m = new LinkedHashMap<>();
    if (reply instanceof List<?> l) {
      for (int i = 0; i + 1 < l.size(); i += 2) m.put(String.valueOf(l.get(i)), String.valueOf(l.get(i + 1)));
    }
    return m;
  }

  private static void await(String what, java.util.function.BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.getAsBoolean()) return;
      RedisServerProcess.sleep(100);
    }
    throw new IllegalStateException("Redis sentinel topology: timed out waiting for " + what);
  }

  public String password() {
    return password;
  }

  /** The sentinels as {@code host:port}. */
  public List<String> sentinelHostPorts() {
    List<String> l = new ArrayList<>();
    for (int p : sentinelPorts) l.add("127.0.0.1:" + p);
    return l;
  }

  /** The port of the data node the sentinels currently call master. */
  public int masterPort() {
    for (int p : sentinelPorts) {
      try {
        Object reply = RespClient.call(p, null, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        if (reply instanceof List<?> l && l.size() == 2) return Integer.parseInt(String.valueOf(l.get(1)));
      } catch (IOException e) {
        // ask the next sentinel
      }
    }
    throw new IllegalStateException("no sentinel answered GET-MASTER-ADDR-BY-NAME");
  }

  /** The port of the data node that is not the current master. */
  public int replicaPort() {
    int master = masterPort();
    return dataPorts[0] == master ? dataPorts[1] : dataPorts[0];
  }

  /** The OS process id of the current master. */
  public long masterPid() {
    return processes.get(masterPort()).pid();
  }

  /** SIGKILLs the current master, as a crash would; returns the port it listened on. */
  public int killMaster() {
    int port = masterPort();
    Process p = processes.get(port);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return port;
  }

  /** Runs one command on the current master. */
  public Object callMaster(String... args) {
    try {
      return RespClient.call(masterPort(), password, args);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops every process this topology started, and only those. */
  public void stop() {
    processes.values().forEach(Process::destroy);
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run already
    }
  }

  @Override
  public void close() {
    stop();
  }
}
