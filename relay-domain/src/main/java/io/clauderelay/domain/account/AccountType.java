package io.clauderelay.domain.account;

import io.clauderelay.domain.Provider;
import java.util.Optional;

/** Kinds of upstream account (SPEC §6) and the provider family each serves. */
public enum AccountType {
  CLAUDE_CONSOLE("claude-console", Provider.CLAUDE), CLAUDE_OAUTH("claude-oauth", Provider.CLAUDE), OPENAI("openai",
      Provider.OPENAI), GEMINI("gemini", Provider.GEMINI),
  /** Azure OpenAI: one deployment of an Azure resource, in the OpenAI pool. */
  AZURE_OPENAI("azure-openai", Provider.OPENAI),
  /** Claude on Google Vertex AI (a service account's access token), in the Claude pool. */
  VERTEX("vertex", Provider.CLAUDE),
  /** Claude on AWS Bedrock: serves the Claude routes in the same pool as the Anthropic accounts. */
  BEDROCK("bedrock", Provider.CLAUDE);

  private final String id;
  private final Provider provider;

  AccountType(String id, Provider provider) {
    this.id = id;
    this.provider = provider;
  }

  public String id() {
    return id;
  }

  public Provider provider() {
    return provider;
  }

  public static Optional<AccountType> parse(String v) {
    for (AccountType t : values()) if (t.id.equalsIgnoreCase(v)) return Optional.of(t);
    return Optional.empty();
  }
}
