package io.clauderelay.domain;

import java.util.Locale;
import java.util.Optional;

/** The upstream vendor families a key may be permitted to use and an account belongs to. */
public enum Provider {
  CLAUDE("claude"), OPENAI("openai"), GEMINI("gemini");

  private final String id;

  Provider(String id) {
    this.id = id;
  }

  /** The wire name used in permissions, bindings and service rates. */
  public String id() {
    return id;
  }

  public static Optional<Provider> parse(String value) {
    if (value == null) return Optional.empty();
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Provider p : values()) if (p.id.equals(v)) return Optional.of(p);
    return Optional.empty();
  }

  /** Which family a model name belongs to, by its conventional prefix; Claude when unsure. */
  public static Provider ofModel(String model) {
    if (model == null) return CLAUDE;
    String m = model.toLowerCase(Locale.ROOT);
    if (m.startsWith("gemini") || m.startsWith("models/gemini")) return GEMINI;
    if (m.startsWith("gpt") || m.startsWith("chatgpt") || isOSeries(m) || m.startsWith("codex")) return OPENAI;
    return CLAUDE;
  }

  /** OpenAI's reasoning models: "o" then a digit (o1, o3-mini, o4-mini). Not a regex: this runs per request. */
  private static boolean isOSeries(String m) {
    return m.length() > 1 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1));
  }

  /** Claude-family models count toward the weekly Claude cost limit. */
  public static boolean isClaudeModel(String model) {
    if (model == null) return false;
    String m = model.toLowerCase(Locale.ROOT);
    return m.contains("claude") || m.contains("opus") || m.contains("sonnet") || m.contains("haiku");
  }
}
