package io.clauderelay.server.crs;

import io.clauderelay.domain.account.AccountType;
import java.util.Optional;

/**
 * The account families CRS keeps, where it keeps them, and which of them the relay serves. Those it
 * does not serve are reported with the reason and skipped.
 */
enum CrsAccountKind {
  CLAUDE_OAUTH("claude:account:", "salt", AccountType.CLAUDE_OAUTH, null), CLAUDE_CONSOLE("claude_console_account:",
      "claude-console-salt", AccountType.CLAUDE_CONSOLE, null), OPENAI_RESPONSES("openai_responses_account:",
          "openai-responses-salt", AccountType.OPENAI,
          null), GEMINI_API("gemini_api_account:", "gemini-api-salt", AccountType.GEMINI, null), AZURE_OPENAI(
              "azure_openai:account:", "azure-openai-account-default-salt", AccountType.AZURE_OPENAI, null), BEDROCK(
                  "bedrock_account:", null, AccountType.BEDROCK, null), GEMINI_OAUTH(
                      "gemini_account:", null, null,
                      "Gemini OAuth (Gemini CLI) accounts are not served by the relay"), OPENAI_OAUTH("openai:account:",
                          null, null, "OpenAI OAuth (Codex) accounts are not served by the relay"), CCR("ccr_account:",
                              null, null, "CCR accounts are not served by the relay"), DROID("droid:account:", null,
                                  null, "Droid accounts are not served by the relay");

  final String prefix;
  final String salt;
  final AccountType type;
  final String unsupportedReason;

  CrsAccountKind(String prefix, String salt, AccountType type, String unsupportedReason) {
    this.prefix = prefix;
    this.salt = salt;
    this.type = type;
    this.unsupportedReason = unsupportedReason;
  }

  boolean served() {
    return type != null;
  }

  /** The id in a record key such as {@code claude:account:<id>}, or empty for an index or other key. */
  Optional<String> idOf(String redisKey) {
    if (!redisKey.startsWith(prefix)) return Optional.empty();
    String id = redisKey.substring(prefix.length());
    if (id.isEmpty() || id.contains(":") || id.equals("index")) return Optional.empty();
    return Optional.of(id);
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
