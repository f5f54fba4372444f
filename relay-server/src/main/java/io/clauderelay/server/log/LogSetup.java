package io.clauderelay.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import io.clauderelay.server.config.LoggingConfig;
import io.clauderelay.server.config.RelayConfig;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at the configured LOG_DIR and LOG_LEVEL. Logback configures itself at the first log
 * call, before the configuration is loaded, so the relay reloads logback.xml once the values are known.
 */
public final class LogSetup {
  public static final String CONFIG_RESOURCE = "/logback.xml";

  private LogSetup() {}

  /** Sets the logging system properties from {@code config} and reloads the bundled logback.xml. */
  public static void init(RelayConfig config) {
    Level level = Level.toLevel(config.logging().level(), Level.INFO);
    System.setProperty("LOG_DIR", config.logging().dir().toString());
    System.setProperty("LOG_LEVEL", level.toString());
    System.setProperty("LOG_LEVEL_VERTX", atLeast(level, Level.INFO).toString());
    System.setProperty("LOG_LEVEL_NETTY", atLeast(level, Level.WARN).toString());
    System.setProperty("LOG_CONSOLE_READABLE",
        Boolean.toString(readable(config.logging().consoleFormat(), Terminal.stdoutIsTerminal())));
    URL url = LogSetup.class.getResource(CONFIG_RESOURCE);
    if (url == null) {
      throw new IllegalStateException(CONFIG_RESOURCE + " is missing from the classpath");
    }
    reload(url);
  }

  /**
   * Resets Logback and configures it from {@code config}. Does nothing when SLF4J is bound to another
   * backend (an embedding application's choice wins).
   */
  public static void reload(URL config) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    long start = System.currentTimeMillis();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      new StatusPrinter2().print(context);
      throw new IllegalStateException("logging configuration " + config + " failed: " + e.getMessage(), e);
    }
    if (new StatusUtil(context).getHighestLevel(start) >= Status.WARN) {
      // Logback reports bad settings (unwritable LOG_DIR, bad level) only through its status list.
      new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
    }
  }

  /** Writes out the queued access lines: for tests that read a log file right after a request. */
  public static void flush() {
    LogWriterThread.drain();
  }

  /** Writes the queued lines and closes the files: the last line of a stopping relay reaches the disk. */
  public static void shutdown() {
    LogWriterThread.drain();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  /** Readable lines for a person at a terminal; JSON for a container's or a file's collector. */
  static boolean readable(LoggingConfig.ConsoleFormat format, boolean terminal) {
    return format == LoggingConfig.ConsoleFormat.TEXT || (format == LoggingConfig.ConsoleFormat.AUTO && terminal);
  }

  private static Level atLeast(Level level, Level floor) {
    return level.isGreaterOrEqual(floor) ? level : floor;
  }
}
