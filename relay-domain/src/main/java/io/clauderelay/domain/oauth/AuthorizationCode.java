package io.clauderelay.domain.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The authorization code an operator pastes back: the bare code, Claude's {@code code#state}
 * display form, or the whole callback URL ({@code ...?code=...&state=...}).
 */
public record AuthorizationCode(String code, String state) {

  /** Empty when the input holds no code. */
  public static Optional<AuthorizationCode> parse(String input) {
    if (input == null || input.isBlank()) return Optional.empty();
    String v = input.trim();
    if (v.startsWith("http://") || v.startsWith("https://") || v.contains("code=")) {
      String query;
      try {
        query = v.contains("://") ? URI.create(v).getRawQuery() : v.substring(v.indexOf('?') + 1);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (query == null) return Optional.empty();
      String code = null;
      String state = null;
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq < 0) continue;
        String name = pair.substring(0, eq);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (name.equals("code")) code = value;
        else if (name.equals("state")) state = value;
      }
      if (code == null || code.isBlank()) return Optional.empty();
      return Optional.of(split(code, state));
    }
    return Optional.of(split(v, null));
  }

  /** Claude's page shows {@code code#state}; the part after '#' is the state, not the code. */
  private static AuthorizationCode split(String code, String state) {
    int hash = code.indexOf('#');
    if (hash < 0) return new AuthorizationCode(code, state);
    return new AuthorizationCode(code.substring(0, hash), state != null ? state : code.substring(hash + 1));
  }

  @Override
  public String toString() {
    return "AuthorizationCode[***]";
  }
}
