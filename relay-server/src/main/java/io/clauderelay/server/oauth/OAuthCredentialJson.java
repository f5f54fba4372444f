package io.clauderelay.server.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.oauth.OAuthCredential;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of an OAuth credential: the stored form (encrypted as the account's credential) and the
 * forms an operator pastes, Claude Code's {@code {"claudeAiOauth":{...}}} file or the same fields
 * flat. {@code expiresAt} is epoch milliseconds (as Claude Code writes it), epoch seconds, or ISO-8601.
 */
public final class OAuthCredentialJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private OAuthCredentialJson() {}

  /** The stored form, in the shape of Claude Code's {@code claudeAiOauth} object. */
  public static String write(OAuthCredential c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("accessToken", c.accessToken()).put("refreshToken", c.refreshToken());
    if (c.expiresAt() != null) n.put("expiresAt", c.expiresAt().toEpochMilli());
    ArrayNode scopes = n.putArray("scopes");
    c.scopes().forEach(scopes::add);
    if (c.plan() != ClaudePlan.UNKNOWN) n.put("subscriptionType", c.plan().id());
    return n.toString();
  }

  /** The stored form back; throws IllegalArgumentException if it is not one. */
  public static OAuthCredential read(String json) {
    try {
      return from(JSON.readTree(json)).orElseThrow(() -> new IllegalArgumentException("not an OAuth credential"));
    } catch (IOException e) {
      throw new IllegalArgumentException("not an OAuth credential", e);
    }
  }

  /**
   * A pasted credential: {@code node} itself, its {@code claudeAiOauth}, or its {@code credentials}
   * (an object or a JSON string of one). Empty when none of them holds a token.
   */
  public static Optional<OAuthCredential> pasted(JsonNode node) {
    if (node == null || !node.isObject()) return Optional.empty();
    JsonNode credentials = node.get("credentials");
    if (credentials != null && credentials.isTextual()) {
      try {
        credentials = JSON.readTree(credentials.asText());
      } catch (IOException e) {
        throw new IllegalArgumentException("credentials is not valid JSON");
      }
    }
    if (credentials != null && credentials.isObject()) return pasted(credentials);
    JsonNode inner = node.get("claudeAiOauth");
    if (inner != null && inner.isObject()) return from(inner).map(c -> withPlanFrom(c, node));
    return from(node);
  }

  private static OAuthCredential withPlanFrom(OAuthCredential c, JsonNode outer) {
    return c.plan() != ClaudePlan.UNKNOWN ? c : c.withPlan(plan(outer));
  }

  private static Optional<OAuthCredential> from(JsonNode n) {
    String access = text(n, "accessToken", "access_token");
    String refresh = text(n, "refreshToken", "refresh_token");
    if ((access == null || access.isBlank()) && (refresh == null || refresh.isBlank())) return Optional.empty();
    return Optional
        .of(new OAuthCredential(trim(access), trim(refresh), expiresAt(n.get("expiresAt")), scopes(n.get("scopes")),
            plan(n)));
  }

  private static ClaudePlan plan(JsonNode n) {
    String p = text(n, "plan", "subscriptionType");
    if (p != null) return ClaudePlan.parse(p);
    if (n.path("isMax").asBoolean(false)) return ClaudePlan.MAX;
    return ClaudePlan.UNKNOWN;
  }

  static Instant expiresAt(JsonNode v) {
    if (v == null || v.isNull()) return null;
    if (v.isNumber() || (v.isTextual() && v.asText().trim().matches("\\d{1,16}"))) {
      long n = v.isNumber() ? v.asLong() : Long.parseLong(v.asText().trim());
      // Claude Code writes milliseconds; a value this small can only be seconds.
      return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
    }
    if (v.isTextual()) {
      try {
        return Instant.parse(v.asText().trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expiresAt must be epoch milliseconds or an ISO-8601 instant");
      }
    }
    throw new IllegalArgumentException("expiresAt must be epoch milliseconds or an ISO-8601 instant");
  }

  static List<String> scopes(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) return out;
    if (v.isArray()) v.forEach(s -> out.add(s.asText()));
    else for (String s : v.asText().trim().split("\\s+")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  private static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isTextual()) return v.asText();
    }
    return null;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
