package io.clauderelay.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.server.config.RelayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Loads the production logback.xml into a temporary LOG_DIR and checks where each event lands. */
class LogSetupTest {
  private static final String AUDIT = ".claude-relay-audit.log.json";
  private static final String AUTH = ".claude-relay-auth-detail-audit.log.json";
  private static final String SECURITY = ".claude-relay-security-audit.log.json";
  private static final String ERROR = ".claude-relay-error-audit.log.json";
  private static final String MAIN = "claude-relay.log";
  private static final List<String> PROPERTIES = List.of("LOG_DIR", "LOG_LEVEL", "LOG_LEVEL_VERTX", "LOG_LEVEL_NETTY",
      "LOG_CONSOLE_READABLE");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path logDir;

  @BeforeEach
  void loadTheProductionConfiguration() {
    init("info");
  }

  @AfterEach
  void restoreTheTestConfiguration() {
    PROPERTIES.forEach(System::clearProperty);
    LogSetup.reload(LogSetupTest.class.getResource("/logback-test.xml"));
  }

  private void init(String level) {
    LogSetup.init(RelayConfig.load(Map.of("LOG_DIR", logDir.toString(), "LOG_LEVEL", level), logDir));
  }

  private List<String> lines(String file) throws IOException {
    LogSetup.flush(); // the main log is written by a queue's thread
    Path p = logDir.resolve(file);
    return Files.exists(p) ? Files.readAllLines(p) : List.of();
  }

  @Test
  void anAdminActionIsOneJsonLineInTheAuditFileOnly() throws Exception {
    AuditLog.admin("ops", "api-key.create", Map.of("keyId", "k1", "tokenLimit", 5000));

    List<String> audit = lines(AUDIT);
    assertThat(audit).hasSize(1);
    JsonNode line = JSON.readTree(audit.get(0));
    assertThat(line.get("actor").asText()).isEqualTo("ops");
    assertThat(line.get("action").asText()).isEqualTo("api-key.create");
    assertThat(line.get("keyId").asText()).isEqualTo("k1");
    assertThat(line.get("tokenLimit").asInt()).isEqualTo(5000);
    assertThat(line.get("logger_name").asText()).isEqualTo("audit");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("message").asText()).isEqualTo("admin api-key.create");
    assertThat(line.has("@timestamp")).isTrue();

    assertThat(lines(AUTH)).isEmpty();
    assertThat(lines(SECURITY)).isEmpty();
    assertThat(lines(ERROR)).isEmpty();
    assertThat(lines(MAIN)).noneMatch(l -> l.contains("api-key.create"));
  }

  @Test
  void authDetailAndSecurityEventsGoToTheirOwnFiles() throws Exception {
    AuditLog.authDetail("login.success", Map.of("username", "ops", "ip", "10.0.0.9"));
    AuditLog.security("request.too-large", Map.of("ip", "10.0.0.9", "bytes", 70_000_000));

    assertThat(lines(AUTH)).singleElement().satisfies(l -> {
      JsonNode n = JSON.readTree(l);
      assertThat(n.get("event").asText()).isEqualTo("login.success");
      assertThat(n.get("username").asText()).isEqualTo("ops");
    });
    assertThat(lines(SECURITY)).singleElement().satisfies(l -> {
      JsonNode n = JSON.readTree(l);
      assertThat(n.get("event").asText()).isEqualTo("request.too-large");
      assertThat(n.get("level").asText()).isEqualTo("WARN");
    });
    assertThat(lines(AUDIT)).isEmpty();
    assertThat(lines(ERROR)).isEmpty();
  }

  @Test
  void theErrorStreamGetsAuditErrorsAndEveryErrorOfTheMainLogButNothingBelow() throws Exception {
    AuditLog.error("usage.record-failed", new IllegalStateException("redis down"), Map.of("keyId", "k1"));
    var app = LoggerFactory.getLogger("io.clauderelay.server.SomeService");
    app.error("listener crashed");
    app.warn("slow upstream");
    app.info("started");

    List<String> errors = lines(ERROR);
    assertThat(errors).hasSize(2);
    JsonNode audit = JSON.readTree(errors.get(0));
    assertThat(audit.get("event").asText()).isEqualTo("usage.record-failed");
    assertThat(audit.get("stack_trace").asText()).contains("IllegalStateException: redis down");
    assertThat(JSON.readTree(errors.get(1)).get("message").asText()).isEqualTo("listener crashed");

    assertThat(lines(MAIN)).hasSize(3).noneMatch(l -> l.contains("usage.record-failed"));
  }

  @Test
  void logLevelFiltersTheMainLogButNotTheAuditStreams() throws Exception {
    init("warn");
    var app = LoggerFactory.getLogger("io.clauderelay.server.SomeService");
    app.info("hidden");
    app.warn("shown");
    LoggerFactory.getLogger("io.vertx.core.SomeClass").info("vertx info hidden");
    AuditLog.admin("ops", "account.disable", Map.of());

    assertThat(lines(MAIN)).singleElement().satisfies(l -> assertThat(l).contains("shown"));
    assertThat(lines(AUDIT)).hasSize(1);
  }

  @Test
  void debugLevelStillKeepsNettyQuiet() throws Exception {
    init("debug");
    LoggerFactory.getLogger("io.netty.buffer.PoolArena").debug("netty noise");
    LoggerFactory.getLogger("io.clauderelay.server.SomeService").debug("our debug");

    assertThat(lines(MAIN)).singleElement().satisfies(l -> assertThat(l).contains("our debug"));
  }

  @Test
  void secretSoundingFieldsAreMaskedInTheFile() throws Exception {
    AuditLog.admin("ops", "account.create", Map.of("apiKey", "sk-ant-verysecretvalue", "accountId", "a1"));

    String line = lines(AUDIT).get(0);
    assertThat(line).doesNotContain("verysecretvalue").contains("\"apiKey\":\"***\"").contains("\"accountId\":\"a1\"");
  }

  @Test
  void mainLogLinesReachTheFileWithinAMomentWithoutAnyoneFlushing() throws Exception {
    LoggerFactory.getLogger("io.clauderelay.server.SomeService").info("buffered line");

    Path main = logDir.resolve(MAIN);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(main) && Files.readString(main).contains("buffered line")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(Files.readString(main)).as("the log writer thread flushes the buffered appender")
        .contains("buffered line");
  }

  @Test
  void aReloadWritesOutWhatTheBufferedAppendersHeld() throws Exception {
    LoggerFactory.getLogger("io.clauderelay.server.SomeService").info("last words");
    // Straight to the reload: stopping the old appenders must flush them.
    LogSetup.reload(LogSetupTest.class.getResource("/logback-test.xml"));

    assertThat(Files.readString(logDir.resolve(MAIN))).contains("last words");
  }

  @Test
  void consoleLinesAreJsonOnSystemOutAndAReloadLeavesSystemOutOpen() throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      LoggerFactory.getLogger("io.clauderelay.server.SomeService").warn("to the console");
      LogSetup.flush();
      LogSetup.reload(LogSetupTest.class.getResource("/logback-test.xml"));
      System.out.println("still open");
    } finally {
      System.setOut(original);
    }
    List<String> out = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertThat(out).hasSize(2);
    assertThat(lines(MAIN)).as("the console and the main file carry the same line").containsExactly(out.get(0));
    JsonNode line = JSON.readTree(out.get(0));
    assertThat(line.get("message").asText()).isEqualTo("to the console");
    assertThat(line.get("service").asText()).isEqualTo("claude-relay");
    assertThat(out.get(1)).isEqualTo("still open");
  }

  @Test
  void atATerminalTheConsoleIsReadableLinesWhileTheMainFileStaysJson() throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      // LOG_FORMAT=text is what auto picks when stdout is a terminal (a test's stdout is a pipe).
      LogSetup.init(RelayConfig.load(Map.of("LOG_DIR", logDir.toString(), "LOG_FORMAT", "text"), logDir));
      LoggerFactory.getLogger("io.clauderelay.server.SomeService").warn("account {} cooling down", "a1");
      LogSetup.flush();
    } finally {
      System.setOut(original);
    }
    List<String> out = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).doesNotStartWith("{").contains("WARN").contains("account a1 cooling down");
    assertThat(JSON.readTree(lines(MAIN).get(0)).get("message").asText()).isEqualTo("account a1 cooling down");
  }

  @Test
  void autoMeansReadableAtATerminalAndJsonInAPipeOrFile() {
    assertThat(LogSetup.readable(io.clauderelay.server.config.LoggingConfig.ConsoleFormat.AUTO, true)).isTrue();
    assertThat(LogSetup.readable(io.clauderelay.server.config.LoggingConfig.ConsoleFormat.AUTO, false)).isFalse();
    assertThat(LogSetup.readable(io.clauderelay.server.config.LoggingConfig.ConsoleFormat.JSON, true)).isFalse();
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/var/log/relay.out")).isFalse();
    // Under surefire stdout is a pipe to the forked JVM's reader: JSON.
    assertThat(Terminal.stdoutIsTerminal()).isFalse();
  }
}
