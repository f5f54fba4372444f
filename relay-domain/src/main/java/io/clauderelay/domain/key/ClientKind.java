package io.clauderelay.domain.key;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Client programs a key can be restricted to, recognised by their User-Agent. */
public enum ClientKind {
  CLAUDE_CODE("claude_code", "^claude-cli/\\d+\\.\\d+\\.\\d+"), GEMINI_CLI("gemini_cli",
      "^GeminiCLI/v?[\\d.]+"), CODEX_CLI("codex_cli", "^(codex_vscode|codex_cli_rs|codex_exec)/[\\d.]+");

  private final String id;
  private final Pattern userAgent;

  ClientKind(String id, String userAgentPattern) {
    this.id = id;
    this.userAgent = Pattern.compile(userAgentPattern);
  }

  public String id() {
    return id;
  }

  public boolean matches(String userAgentHeader) {
    return userAgentHeader != null && userAgent.matcher(userAgentHeader).find();
  }

  public static Optional<ClientKind> parse(String value) {
    if (value == null) return Optional.empty();
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ClientKind c : values()) if (c.id.equals(v)) return Optional.of(c);
    return Optional.empty();
  }
}
