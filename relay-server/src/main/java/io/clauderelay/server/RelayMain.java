package io.clauderelay.server;

import io.clauderelay.crypto.PasswordHasher;
import io.clauderelay.crypto.SecretGenerator;
import io.clauderelay.embedded.EmbeddedStoreException;
import io.clauderelay.server.cli.InitFiles;
import io.clauderelay.server.cli.InitResult;
import io.clauderelay.server.cli.StateCommands;
import io.clauderelay.server.config.ConfigException;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.log.LogSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The command line: {@code init}, {@code serve} (the default), {@code export}, {@code import},
 * {@code import-crs} and {@code --help}.
 */
public final class RelayMain {
  private static final String HELP = """
      Claude Relay %s — a self-hosted relay for Anthropic, OpenAI and Gemini.

      Usage: ./relay [command]
        serve     start the relay (the default); runs init first when data/init.json is missing
        init      create data/init.json (admin user, random password printed once) and a .env
                  with fresh secrets if none exists; ADMIN_USERNAME / ADMIN_PASSWORD override
        export [FILE]  write the configured store's whole state (keys, accounts, usage...) as one
                  JSON document to FILE (default relay-export.json); secrets stay encrypted. The
                  embedded store must not be in use: stop the relay first
        import FILE    load such a document into the configured store (embedded or Redis), e.g. to
                  move to Redis for several nodes; needs the same ENCRYPTION_KEY
        import-crs --from redis://[:password@]host:port[/db] | --sentinels h:p,... --master NAME
                  [--password P] [--dry-run]: copy a running CRS's keys, accounts, usage and admin
                  into this relay's store (rerun it to bring what is new; see deploy/README.md)
        --help    this text

      Configuration comes from the environment and ./.env (see .env.example).
      """;

  private RelayMain() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    Path workDir = Path.of("").toAbsolutePath();
    Map<String, String> env = System.getenv();
    try {
      switch (command) {
        case "serve" -> serve(workDir, env);
        case "init" -> init(workDir, env, System.out);
        case "export" -> StateCommands.export(RelayConfig.load(env, workDir),
            workDir.resolve(args.length > 1 ? args[1] : StateCommands.DEFAULT_FILE), System.out);
        case "import" -> {
          if (args.length < 2) {
            System.err.println("usage: ./relay import FILE");
            System.exit(2);
          }
          StateCommands.importFile(RelayConfig.load(env, workDir), workDir.resolve(args[1]), System.out);
        }
        case "import-crs" -> System.exit(io.clauderelay.server.crs.ImportCrsCommand.run(
            java.util.Arrays.asList(args).subList(1, args.length), RelayConfig.load(env, workDir), System.out,
            System.err));
        case "--help", "-h", "help" -> System.out.printf(HELP, RelayApp.VERSION);
        default -> {
          System.err.println("unknown command '" + command + "'; try ./relay --help");
          System.exit(2);
        }
      }
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(1);
    } catch (EmbeddedStoreException e) {
      // Locked by another relay or unreadable: one line, and never a start on an empty store.
      System.err.println("embedded store: " + e.getMessage());
      System.exit(1);
    } catch (IllegalArgumentException e) {
      // Secrets that pass the format check but not their own parsing (e.g. ENCRYPTION_KEY) say why in one line.
      System.err.println("configuration error: " + e.getMessage());
      System.exit(1);
    }
  }

  static void init(Path workDir, Map<String, String> env, PrintStream out) {
    InitResult r = InitFiles.init(dataDir(workDir, env), workDir.resolve(".env"), env, PasswordHasher::hash,
        PasswordHasher::randomPassword, SecretGenerator::encryptionKeyBase64, SecretGenerator::jwtSecret);
    if (r.envFileWritten()) out.println("wrote " + r.envFile() + " with fresh JWT_SECRET and ENCRYPTION_KEY");
    if (r.outcome() == InitResult.Outcome.ALREADY_INITIALIZED) {
      out.println(r.initFile() + " already exists (admin: " + r.adminUsername().orElse("?") + "); nothing changed");
      return;
    }
    out.println("created " + r.initFile());
    out.println("  admin user:     " + r.adminUsername().orElseThrow());
    if (r.passwordGenerated()) {
      out.println("  admin password: " + r.adminPassword().orElseThrow().reveal() + "   (shown once: store it now)");
    } else {
      out.println("  admin password: from ADMIN_PASSWORD");
    }
  }

  /** DATA_DIR without loading the rest: init must work before any secret exists. */
  private static Path dataDir(Path workDir, Map<String, String> env) {
    String d = env.get("DATA_DIR");
    return workDir.resolve(d == null || d.isBlank() ? "data" : d);
  }

  private static void serve(Path workDir, Map<String, String> env) {
    if (!workDir.resolve(".env").toFile().exists() || InitFiles.read(dataDir(workDir, env)).isEmpty()) {
      init(workDir, env, System.out);
    }
    RelayConfig config = RelayConfig.load(env, workDir);
    LogSetup.init(config);
    RelayApp app = RelayApp.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop(Duration.ofSeconds(30));
      LogSetup.shutdown();
    }, "relay-shutdown"));
  }
}
