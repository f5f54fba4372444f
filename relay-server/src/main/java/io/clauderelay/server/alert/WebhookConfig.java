package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The alert channels in the original's shape ({@code {enabled, platforms[], notificationTypes{},
 * retrySettings{}}}), kept as JSON so that a CRS configuration carries over field for field. The
 * secrets in it (bot tokens, signing secrets, SMTP passwords, webhook URLs with their tokens) are
 * masked when shown and stored encrypted.
 */
public final class WebhookConfig {
  static final ObjectMapper JSON = new ObjectMapper();
  /** What a shown secret looks like; sent back unchanged, it means "keep the stored value". */
  public static final String MASK = "********";
  /** Platform fields that hold a secret; a webhook URL carries its token in the path or query, so it is one too. */
  static final Set<String> SECRET_FIELDS = Set.of("secret", "botToken", "pass", "deviceKey", "url");
  public static final List<String> TYPES = List.of("accountAnomaly", "quotaWarning", "systemError", "securityAlert",
      "rateLimitRecovery", "test");

  private final ObjectNode root;

  WebhookConfig(ObjectNode root) {
    this.root = root;
  }

  /** The original's defaults: off, no platform, every notification type on, 3 tries from 1 s, 10 s timeout. */
  static WebhookConfig defaults(Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("enabled", false);
    root.putArray("platforms");
    ObjectNode types = root.putObject("notificationTypes");
    TYPES.forEach(t -> types.put(t, true));
    ObjectNode retry = root.putObject("retrySettings");
    retry.put("maxRetries", 3);
    retry.put("retryDelay", 1000);
    retry.put("timeout", 10000);
    root.put("createdAt", now.toString());
    root.put("updatedAt", now.toString());
    return new WebhookConfig(root);
  }

  /** A stored or posted configuration over the defaults: notification types missing from it stay on. */
  static WebhookConfig over(JsonNode given, Instant now) {
    WebhookConfig d = defaults(now);
    ObjectNode root = given.deepCopy();
    ObjectNode types = d.root.with("notificationTypes").deepCopy();
    if (root.path("notificationTypes").isObject()) types.setAll((ObjectNode) root.get("notificationTypes"));
    root.set("notificationTypes", types);
    if (!root.path("retrySettings").isObject()) root.set("retrySettings", d.root.get("retrySettings"));
    if (!root.path("platforms").isArray()) root.putArray("platforms");
    if (!root.has("enabled")) root.put("enabled", false);
    return new WebhookConfig(root);
  }

  /**
   * CRS's stored configuration as the relay keeps it, checked like one posted to the admin API.
   *
   * @throws IllegalArgumentException when it is not JSON or a platform is invalid, with the reason
   */
  public static WebhookConfig fromCrs(String json, Instant now) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (tree == null || !tree.isObject()) throw new IllegalArgumentException("not a JSON object");
    WebhookConfig config = over(tree, now);
    try {
      PlatformRules.checkAll(config.root());
    } catch (io.clauderelay.server.http.FailureException bad) {
      throw new IllegalArgumentException(bad.failure().message());
    }
    return config;
  }

  public boolean enabled() {
    return root.path("enabled").asBoolean(false);
  }

  public boolean wants(String type) {
    return type.equals("test") || root.path("notificationTypes").path(type).asBoolean(true);
  }

  public List<ObjectNode> platforms() {
    List<ObjectNode> out = new ArrayList<>();
    root.withArray("platforms").forEach(p -> {
      if (p.isObject()) out.add((ObjectNode) p);
    });
    return out;
  }

  public List<ObjectNode> enabledPlatforms() {
    return enabled() ? platforms().stream().filter(p -> p.path("enabled").asBoolean(true)).toList() : List.of();
  }

  int maxRetries() {
    return Math.max(1, Math.min(10, root.path("retrySettings").path("maxRetries").asInt(3)));
  }

  long retryDelayMs() {
    return Math.max(10, Math.min(60_000, root.path("retrySettings").path("retryDelay").asLong(1000)));
  }

  ArrayNode platformArray() {
    return root.withArray("platforms");
  }

  ObjectNode root() {
    return root;
  }

  /** The configuration as the admin API shows it: every secret masked. */
  public ObjectNode shown() {
    ObjectNode copy = root.deepCopy();
    ArrayNode platforms = copy.withArray("platforms");
    for (int i = 0; i < platforms.size(); i++) {
      if (platforms.get(i).isObject()) platforms.set(i, masked((ObjectNode) platforms.get(i)));
    }
    return copy;
  }

  static ObjectNode masked(ObjectNode platform) {
    ObjectNode copy = platform.deepCopy();
    for (String f : SECRET_FIELDS) {
      if (copy.path(f).isTextual() && !copy.get(f).asText().isEmpty()) copy.put(f, mask(f, copy.get(f).asText()));
    }
    return copy;
  }

  /** A URL keeps its scheme and host so the operator can tell channels apart; the rest is hidden. */
  private static String mask(String field, String value) {
    if (!field.equals("url")) return MASK;
    try {
      java.net.URI u = java.net.URI.create(value);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/" + MASK;
    } catch (IllegalArgumentException e) {
      return MASK;
    }
  }

  /** Takes the stored secret back wherever the update sent a masked one (the admin UI shows masks). */
  static void keepMaskedSecrets(ObjectNode update, ObjectNode stored) {
    for (String f : SECRET_FIELDS) {
      if (update.path(f).isTextual() && update.get(f).asText().contains(MASK) && stored != null && stored.has(f)) {
        update.set(f, stored.get(f));
      }
    }
  }
}
