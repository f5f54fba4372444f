package io.clauderelay.domain.account;

import java.util.Locale;
import java.util.Optional;

/**
 * The Claude model family of a model name ({@code opus}, {@code sonnet}, {@code haiku}): a
 * subscription's upstream rate limits are counted per family, so a 429 cools only that family.
 */
public final class ModelFamily {
  public static final String OPUS = "opus";
  public static final String SONNET = "sonnet";
  public static final String HAIKU = "haiku";

  private ModelFamily() {}

  /** The family named in {@code model}, empty for names that carry none (and for null). */
  public static Optional<String> of(String model) {
    if (model == null) return Optional.empty();
    String m = model.toLowerCase(Locale.ROOT);
    for (String f : new String[]{OPUS, SONNET, HAIKU}) {
      if (m.contains(f)) return Optional.of(f);
    }
    return Optional.empty();
  }
}
