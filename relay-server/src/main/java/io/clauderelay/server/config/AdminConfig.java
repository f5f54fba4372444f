package io.clauderelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Admin session lifetime, and the optional unattended-install credentials that only {@code init} reads. */
public record AdminConfig(Optional<String> username, Optional<Secret> password, Duration sessionTimeout) {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  static final int PASSWORD_MIN_LENGTH = 8;

  /** Reads only the ADMIN_* variables, with the same checks as at start; used by {@code init}. */
  public static AdminConfig fromVariables(Map<String, String> env) {
    return from(new EnvValues(env, Path.of("")));
  }

  static AdminConfig from(EnvValues env) {
    Optional<String> username = env.text("ADMIN_USERNAME");
    if (username.isPresent() && !USERNAME.matcher(username.get()).matches()) {
      throw EnvValues.invalid("ADMIN_USERNAME", "must be 1-64 letters, digits or _ . @ -", username.get(),
          "ADMIN_USERNAME=admin");
    }
    Optional<Secret> password = env.secret("ADMIN_PASSWORD");
    if (password.isPresent() && password.get().length() < PASSWORD_MIN_LENGTH) {
      throw EnvValues.invalidSecret("ADMIN_PASSWORD", "must be at least " + PASSWORD_MIN_LENGTH + " characters",
          password.get().length() + " characters", "ADMIN_PASSWORD=<a long random password>");
    }
    return new AdminConfig(username, password,
        env.millis("ADMIN_SESSION_TIMEOUT", 86_400_000L, "ADMIN_SESSION_TIMEOUT=86400000"));
  }
}
