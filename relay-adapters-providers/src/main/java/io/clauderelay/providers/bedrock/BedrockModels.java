package io.clauderelay.providers.bedrock;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Anthropic model names to Bedrock model ids or inference profiles. The built-in table uses the US
 * cross-region inference profiles ({@code us.anthropic.…}), which on-demand Claude 4 models need;
 * {@code BEDROCK_MODEL_MAP} entries replace or add to it. A name that already is a Bedrock id
 * ({@code anthropic.…}, {@code us.anthropic.…}, an ARN) goes as it is.
 */
public final class BedrockModels {
  private static final Map<String, String> BUILT_IN = Map.ofEntries(
      Map.entry("claude-opus-4-5-20251101", "us.anthropic.claude-opus-4-5-20251101-v1:0"),
      Map.entry("claude-opus-4-5", "us.anthropic.claude-opus-4-5-20251101-v1:0"),
      Map.entry("claude-sonnet-4-5-20250929", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
      Map.entry("claude-sonnet-4-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
      Map.entry("claude-haiku-4-5-20251001", "us.anthropic.claude-haiku-4-5-20251001-v1:0"),
      Map.entry("claude-haiku-4-5", "us.anthropic.claude-haiku-4-5-20251001-v1:0"),
      Map.entry("claude-opus-4-1-20250805", "us.anthropic.claude-opus-4-1-20250805-v1:0"),
      Map.entry("claude-opus-4-1", "us.anthropic.claude-opus-4-1-20250805-v1:0"),
      Map.entry("claude-opus-4-20250514", "us.anthropic.claude-opus-4-20250514-v1:0"),
      Map.entry("claude-sonnet-4-20250514", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
      Map.entry("claude-3-7-sonnet-20250219", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"),
      Map.entry("claude-3-5-haiku-20241022", "us.anthropic.claude-3-5-haiku-20241022-v1:0"),
      Map.entry("claude-3-5-sonnet-20241022", "us.anthropic.claude-3-5-sonnet-20241022-v2:0"),
      Map.entry("claude-3-haiku-20240307", "us.anthropic.claude-3-haiku-20240307-v1:0"));

  private final Map<String, String> table;

  /** The built-in table with {@code overrides} (requested name → Bedrock id) on top. */
  public BedrockModels(Map<String, String> overrides) {
    Map<String, String> t = new HashMap<>(BUILT_IN);
    t.putAll(overrides);
    this.table = Map.copyOf(t);
  }

  public static BedrockModels builtIn() {
    return new BedrockModels(Map.of());
  }

  /**
   * The Bedrock id for {@code model}: a Bedrock id as it is, else the table's entry, else the
   * account's {@code defaultModel}, else the name itself (Bedrock then says it does not know it).
   */
  public String resolve(String model, String defaultModel) {
    String m = model == null ? "" : model.trim();
    if (m.endsWith("[1m]")) m = m.substring(0, m.length() - 4);
    if (isBedrockId(m)) return m;
    String mapped = table.get(m);
    if (mapped == null) mapped = table.get(m.toLowerCase(Locale.ROOT));
    if (mapped != null) return mapped;
    if (defaultModel != null && !defaultModel.isBlank()) return defaultModel.trim();
    return m;
  }

  static boolean isBedrockId(String m) {
    return m.startsWith("arn:") || m.startsWith("anthropic.") || m.contains(".anthropic.");
  }
}
