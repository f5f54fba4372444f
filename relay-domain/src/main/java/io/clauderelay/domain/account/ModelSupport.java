package io.clauderelay.domain.account;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which models an account serves: all (empty), a list, or a map from requested name to the name
 * sent upstream (which both restricts and rewrites).
 */
public record ModelSupport(List<String> models, Map<String, String> mapping) {

  public static final ModelSupport ALL = new ModelSupport(List.of(), Map.of());

  public ModelSupport {
    models = models == null ? List.of() : List.copyOf(models);
    mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
  }

  public static ModelSupport list(List<String> models) {
    return new ModelSupport(models, Map.of());
  }

  public static ModelSupport map(Map<String, String> mapping) {
    return new ModelSupport(List.of(), mapping);
  }

  public boolean servesAll() {
    return models.isEmpty() && mapping.isEmpty();
  }

  /** The model name to send upstream if this account serves {@code requested}, else empty. */
  public Optional<String> resolve(String requested) {
    if (servesAll() || requested == null) return Optional.ofNullable(requested);
    String r = requested.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(r)) return Optional.of(e.getValue());
    }
    for (String m : models) if (m.toLowerCase(Locale.ROOT).equals(r)) return Optional.of(requested);
    return Optional.empty();
  }
}
