package io.clauderelay.server.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a Node.js compatibility script (e.g. {@code compat/anthropic-sdk/check.mjs}) from a JUnit test. */
public final class NodeCheck {

  private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed\\s*$");

  private NodeCheck() {}

  /**
   * What the script did.
   *
   * @param exitCode the process's exit code, or -1 if it was killed on timeout
   * @param output stdout and stderr, interleaved
   * @param timedOut whether the process had to be killed
   */
  public record Result(int exitCode, String output, boolean timedOut) {

    /** The {@code N} of the last {@code "N passed, M failed"} line, or -1 without one. */
    public int passed() {
      return summary(1);
    }

    /** The {@code M} of the last {@code "N passed, M failed"} line, or -1 without one. */
    public int failed() {
      return summary(2);
    }

    /** Exit code 0, not timed out, a summary line with at least one pass and no failure. */
    public boolean succeeded() {
      return !timedOut && exitCode == 0 && passed() > 0 && failed() == 0;
    }

    private int summary(int group) {
      Matcher m = SUMMARY.matcher(output);
      int value = -1;
      while (m.find()) {
        value = Integer.parseInt(m.group(group));
      }
      return value;
    }
  }

  /** True when {@code node} is on the PATH and {@code scriptDir/node_modules} exists (after {@code npm ci}). */
  public static boolean available(Path scriptDir) {
    return nodeExecutable() != null && Files.isDirectory(scriptDir.resolve("node_modules"));
  }

  /**
   * Runs {@code node <script>} in {@code scriptDir} with {@code env} added to this process's
   * environment, and kills it (with its children) after {@code timeout}.
   */
  public static Result run(Path scriptDir, String script, Map<String, String> env, Duration timeout) {
    Path node = nodeExecutable();
    if (node == null) {
      throw new IllegalStateException("node is not on the PATH");
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(node.toString(), script))
        .directory(scriptDir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      // Drain on another thread so a chatty script never blocks on a full pipe.
      Thread pump = new Thread(() -> copy(process.getInputStream(), output), "node-check-output");
      pump.setDaemon(true);
      pump.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      pump.join(TimeUnit.SECONDS.toMillis(10));
      String text;
      synchronized (output) {
        text = output.toString(StandardCharsets.UTF_8);
      }
      return new Result(finished ? process.exitValue() : -1, text, !finished);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the process was killed; keep what we have
    }
  }

  private static Path nodeExecutable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : List.of("node", "node.exe")) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
