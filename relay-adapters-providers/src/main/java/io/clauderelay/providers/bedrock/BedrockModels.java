package io.clauderelay.providers.bedrock;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Anthropic model names to Bedrock model ids or inference profiles. The built-in table gives the
 * cross-region inference profile of the account's geography ({@code us.}, {@code eu.}, {@code apac.},
 * {@code us-gov.} before {@code anthropic.…}, by the account's region), which on-demand Claude 4
 * models need; {@code BEDROCK_MODEL_MAP} entries replace or add to it and are sent as written. A
 * name that already is a Bedrock id ({@code anthropic.…}, {@code eu.anthropic.…}, an ARN) goes as it is.
 */
public final class BedrockModels {
  private static final Map<String, String> BUILT_IN = Map.ofEntries(
      Map.entry("claude-opus-4-5-20251101", "anthropic.claude-opus-4-5-20251101-v1:0"),
      Map.entry("claude-opus-4-5", "anthropic.claude-opus-4-5-20251101-v1:0"),
      Map.entry("claude-sonnet-4-5-20250929", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
      Map.entry("claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
      Map.entry("claude-haiku-4-5-20251001", "anthropic.claude-haiku-4-5-20251001-v1:0"),
      Map.entry("claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0"),
      Map.entry("claude-opus-4-1-20250805", "anthropic.claude-opus-4-1-20250805-v1:0"),
      Map.entry("claude-opus-4-1", "anthropic.claude-opus-4-1-20250805-v1:0"),
      Map.entry("claude-opus-4-20250514", "anthropic.claude-opus-4-20250514-v1:0"),
      Map.entry("claude-sonnet-4-20250514", "anthropic.claude-sonnet-4-20250514-v1:0"),
      Map.entry("claude-3-7-sonnet-20250219", "anthropic.claude-3-7-sonnet-20250219-v1:0"),
      Map.entry("claude-3-5-haiku-20241022", "anthropic.claude-3-5-haiku-20241022-v1:0"),
      Map.entry("claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
      Map.entry("claude-3-haiku-20240307", "anthropic.claude-3-haiku-20240307-v1:0"));

  private final Map<String, String> overrides;

  /** The built-in table with {@code overrides} (requested name → Bedrock id) on top. */
  public BedrockModels(Map<String, String> overrides) {
    this.overrides = Map.copyOf(new HashMap<>(overrides));
  }

  public static BedrockModels builtIn() {
    return new BedrockModels(Map.of());
  }

  /**
   * The Bedrock id for {@code model} on an account in {@code region}: a Bedrock id as it is, else the
   * configured map's entry, else the built-in one in the region's geography, else the account's
   * {@code defaultModel}, else the name itself (Bedrock then says it does not know it).
   */
  public String resolve(String model, String defaultModel, String region) {
    String m = model == null ? "" : model.trim();
    if (m.endsWith("[1m]")) m = m.substring(0, m.length() - 4);
    if (isBedrockId(m)) return m;
    String lower = m.toLowerCase(Locale.ROOT);
    String configured = overrides.containsKey(m) ? overrides.get(m) : overrides.get(lower);
    if (configured != null) return configured;
    String builtIn = BUILT_IN.get(lower);
    if (builtIn != null) return geography(region) + builtIn;
    if (defaultModel != null && !defaultModel.isBlank()) return defaultModel.trim();
    return m;
  }

  /** The inference-profile prefix of {@code region}'s geography. */
  static String geography(String region) {
    String r = region == null ? "" : region;
    if (r.startsWith("us-gov-")) return "us-gov.";
    if (r.startsWith("eu-")) return "eu.";
    if (r.startsWith("ap-")) return "apac.";
    return "us.";
  }

  static boolean isBedrockId(String m) {
    return m.startsWith("arn:") || m.startsWith("anthropic.") || m.contains(".anthropic.");
  }
}
