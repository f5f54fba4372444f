package io.clauderelay.domain.pricing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link PriceCatalog} over a fixed map, with a short, ordered list of name normalisations and no
 * fuzzy matching.
 *
 * <p>Lookup tries, for each candidate name in order, the exact id and then the id ignoring case:
 *
 * <ol>
 *   <li>the name as given;
 *   <li>without a trailing {@code [1m]} (Claude Code's 1M-context marker is not part of the model id);
 *   <li>without a provider prefix ({@code anthropic/}, {@code openai/}, {@code gemini/}, {@code
 *       models/} as Gemini's API writes it), then with {@code anthropic/}, {@code openai/}, {@code
 *       gemini/} added (LiteLLM keys some models only in prefixed form);
 *   <li>without a Bedrock cross-region prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code
 *       global.}), then that name through step 3;
 *   <li>with Vertex AI's {@code @} before a model's date as Anthropic's {@code -}
 *       ({@code claude-sonnet-4-5@20250929}), then that name through step 3.
 * </ol>
 *
 * <p>There is deliberately no containment matching: the original's "either name contains the other"
 * fallback priced models as whichever catalog key happened to come first.
 */
public final class MapPriceCatalog implements PriceCatalog {
  private static final String LONG_CONTEXT_SUFFIX = "[1m]";
  private static final List<String> PROVIDER_PREFIXES = List.of("anthropic/", "openai/", "gemini/", "models/");
  private static final List<String> ADDED_PREFIXES = List.of("anthropic/", "openai/", "gemini/");
  private static final List<String> REGION_PREFIXES = List.of("us.", "eu.", "apac.", "global.");

  private static final MapPriceCatalog EMPTY = new MapPriceCatalog(Map.of());

  private final Map<String, ModelPrice> byId;
  private final Map<String, ModelPrice> byLowerId;

  public MapPriceCatalog(Map<String, ModelPrice> prices) {
    this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    // Sorted so that, when two ids differ only by case, the same one wins on every start.
    Map<String, ModelPrice> lower = new HashMap<>();
    new TreeMap<>(prices).forEach((id, price) -> lower.putIfAbsent(id.toLowerCase(Locale.ROOT), price));
    this.byLowerId = lower;
  }

  public static MapPriceCatalog empty() {
    return EMPTY;
  }

  @Override
  public Optional<ModelPrice> find(String model) {
    if (model == null || model.isBlank()) return Optional.empty();
    // The usual case, an exact id, without building the candidate list: this runs twice per request.
    ModelPrice known = byId.get(model);
    if (known != null) return Optional.of(known);
    for (String candidate : candidates(model.trim())) {
      ModelPrice exact = byId.get(candidate);
      if (exact != null) return Optional.of(exact);
      ModelPrice ignoringCase = byLowerId.get(candidate.toLowerCase(Locale.ROOT));
      if (ignoringCase != null) return Optional.of(ignoringCase);
    }
    return Optional.empty();
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public Map<String, ModelPrice> entries() {
    return byId;
  }

  /** The names to try, in the order documented on the class. */
  static List<String> candidates(String model) {
    Set<String> out = new LinkedHashSet<>();
    out.add(model);
    String base = stripSuffixIgnoringCase(model, LONG_CONTEXT_SUFFIX);
    out.add(base);
    addProviderVariants(base, out);
    String unregioned = stripPrefixIgnoringCase(base, REGION_PREFIXES);
    if (!unregioned.equals(base)) {
      out.add(unregioned);
      addProviderVariants(unregioned, out);
    }
    int at = base.indexOf('@');
    if (at > 0) {
      // Vertex AI names a dated Claude model with '@' where Anthropic writes '-'.
      String dashed = base.substring(0, at) + "-" + base.substring(at + 1);
      out.add(dashed);
      addProviderVariants(dashed, out);
    }
    out.removeIf(String::isEmpty);
    return new ArrayList<>(out);
  }

  private static void addProviderVariants(String name, Set<String> out) {
    String bare = stripPrefixIgnoringCase(name, PROVIDER_PREFIXES);
    out.add(bare);
    for (String prefix : ADDED_PREFIXES) out.add(prefix + bare);
  }

  private static String stripSuffixIgnoringCase(String s, String suffix) {
    return s.toLowerCase(Locale.ROOT).endsWith(suffix) ? s.substring(0, s.length() - suffix.length()).trim() : s;
  }

  private static String stripPrefixIgnoringCase(String s, List<String> prefixes) {
    String lower = s.toLowerCase(Locale.ROOT);
    for (String prefix : prefixes) {
      if (lower.startsWith(prefix)) return s.substring(prefix.length());
    }
    return s;
  }
}
