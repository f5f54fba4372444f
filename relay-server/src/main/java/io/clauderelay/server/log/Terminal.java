package io.clauderelay.server.log;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output goes to a person's terminal rather than a pipe, a file or a container's log. */
final class Terminal {
  private Terminal() {}

  static boolean stdoutIsTerminal() {
    // Linux names the device behind fd 1; System.console() also needs stdin to be a terminal.
    Path fd1 = Path.of("/proc/self/fd/1");
    try {
      if (Files.isSymbolicLink(fd1)) {
        return isTerminalDevice(Files.readSymbolicLink(fd1).toString());
      }
    } catch (java.io.IOException | SecurityException e) {
      // fall back below
    }
    return System.console() != null;
  }

  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }
}
