package io.clauderelay.providers.common;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * Which client headers may travel upstream (SPEC §4): an allow-list, so credentials, cookies,
 * hop-by-hop headers and client addresses never leak to the vendor.
 */
public final class HeaderAllowList {
  private static final Set<String> ALLOWED = Set.of(
      "anthropic-version", "anthropic-beta", "content-type", "accept", "user-agent", "openai-beta",
      "x-goog-api-client", "anthropic-dangerous-direct-browser-access", "x-app");

  private HeaderAllowList() {}

  public static boolean allowed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return ALLOWED.contains(n) || n.startsWith("x-stainless-");
  }

  /** Copies the allowed client headers into {@code target}. */
  public static void copy(MultiMap client, MultiMap target) {
    client.forEach(e -> {
      if (allowed(e.getKey())) target.add(e.getKey(), e.getValue());
    });
  }
}
