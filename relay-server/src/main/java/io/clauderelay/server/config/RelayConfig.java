package io.clauderelay.server.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, read once at start from the environment merged over {@code .env} (SPEC §3).
 * Immutable; secrets are {@link Secret}s, so printing the record shows {@code ***} for them.
 *
 * @param warnings things the operator should know (ephemeral secrets, embedded store); the server logs them
 */
public record RelayConfig(
    AppEnv appEnv,
    ServerConfig server,
    SecretsConfig secrets,
    StoreConfig store,
    LimitsConfig limits,
    UpstreamCooldowns cooldowns,
    LoggingConfig logging,
    OperationsConfig operations,
    AdminConfig admin,
    ClaudeOAuthConfig claudeOAuth,
    MetricsConfig metrics,
    CapacityConfig capacity,
    BedrockConfig bedrock,
    List<String> warnings) {

  public RelayConfig {
    warnings = List.copyOf(warnings);
  }

  /**
   * Loads the configuration: {@code env} (normally {@code System.getenv()}) wins over {@code workDir/.env};
   * a blank value counts as not set. Relative DATA_DIR and LOG_DIR are taken from {@code workDir}.
   *
   * @throws ConfigException on the first bad or missing value, with a one-line message
   */
  public static RelayConfig load(Map<String, String> env, Path workDir) {
    return load(env, workDir, new SecureRandom());
  }

  static RelayConfig load(Map<String, String> env, Path workDir, SecureRandom random) {
    return from(new EnvValues(merge(DotEnv.read(workDir.resolve(".env")), env), workDir), random);
  }

  static RelayConfig from(EnvValues env, SecureRandom random) {
    List<String> warnings = new ArrayList<>();
    AppEnv appEnv = appEnv(env);
    return new RelayConfig(
        appEnv,
        ServerConfig.from(env),
        SecretsConfig.from(env, appEnv, random, warnings),
        StoreConfig.from(env, appEnv, warnings),
        LimitsConfig.from(env),
        UpstreamCooldowns.from(env),
        LoggingConfig.from(env),
        OperationsConfig.from(env),
        AdminConfig.from(env),
        ClaudeOAuthConfig.from(env),
        MetricsConfig.from(env),
        CapacityConfig.from(env),
        BedrockConfig.from(env),
        warnings);
  }

  private static Map<String, String> merge(Map<String, String> dotEnv, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(dotEnv);
    // A blank environment value does not hide the .env value: compose files often pass VAR=${VAR} empty.
    env.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        merged.put(k, v);
      }
    });
    return merged;
  }

  private static AppEnv appEnv(EnvValues env) {
    Optional<String> app = env.text("APP_ENV");
    Optional<String> node = env.text("NODE_ENV");
    String name = app.isPresent() ? "APP_ENV" : "NODE_ENV";
    Optional<String> raw = app.isPresent() ? app : node;
    if (raw.isEmpty()) {
      return AppEnv.DEVELOPMENT;
    }
    switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "development", "dev" :
        return AppEnv.DEVELOPMENT;
      case "production", "prod" :
        return AppEnv.PRODUCTION;
      case "test" :
        return AppEnv.TEST;
      default :
        throw EnvValues.invalid(name, "must be development, production or test", raw.get(), name + "=production");
    }
  }
}
