package io.clauderelay.server.compat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code compat/} folder from a test, whatever directory Maven runs it in. */
public final class CompatPaths {
  private CompatPaths() {}

  /** {@code <repo>/compat/<name>}, found by walking up from {@code user.dir} until {@code compat/} exists. */
  public static Path compatDir(String name) {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("compat"))) {
        return dir.resolve("compat").resolve(name);
      }
    }
    throw new IllegalStateException("no compat/ folder above " + start);
  }
}
