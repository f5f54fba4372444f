package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.server.http.FailureException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** The original's checks on an alert platform, answered as a 400 that names the field. */
final class PlatformRules {
  static final List<String> PLATFORMS = List.of("wechat_work", "dingtalk", "feishu", "slack", "discord", "telegram",
      "custom", "bark", "smtp");
  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
  private static final List<String> BARK_LEVELS = List.of("active", "timeSensitive", "passive", "critical");

  private PlatformRules() {}

  static void check(JsonNode p) {
    if (!p.isObject()) throw bad("each platform must be an object");
    String type = p.path("type").asText("");
    if (!PLATFORMS.contains(type)) throw bad("platform type must be one of " + PLATFORMS + " (got \"" + type + "\")");
    if (!List.of("bark", "smtp", "telegram").contains(type)) httpUrl(p, "url", true);
    switch (type) {
      case "dingtalk", "feishu" -> {
        if (p.path("enableSign").asBoolean(false) && p.path("secret").asText("").isEmpty()) {
          throw bad(type + ": enableSign needs a secret");
        }
      }
      case "custom" -> {
        if (p.path("enableSign").asBoolean(false) && p.path("secret").asText("").isEmpty()) {
          throw bad("custom: enableSign needs a secret");
        }
      }
      case "telegram" -> {
        required(p, "botToken", "telegram");
        required(p, "chatId", "telegram");
        httpUrl(p, "apiBaseUrl", false);
      }
      case "bark" -> {
        required(p, "deviceKey", "bark");
        httpUrl(p, "serverUrl", false);
        if (p.hasNonNull("level") && !BARK_LEVELS.contains(p.get("level").asText())) {
          throw bad("bark: level must be one of " + BARK_LEVELS);
        }
      }
      case "smtp" -> {
        required(p, "host", "smtp");
        required(p, "user", "smtp");
        required(p, "pass", "smtp");
        if (p.path("to").isMissingNode() || p.path("to").isNull() || p.path("to").asText("x").isEmpty()) {
          throw bad("smtp: to (recipient address) is required");
        }
        int port = p.path("port").asInt(587);
        if (port < 1 || port > 65535) throw bad("smtp: port must be 1-65535");
        for (JsonNode to : p.path("to").isArray() ? p.path("to") : List.of(p.path("to"))) email(to.asText(), "to");
        if (p.hasNonNull("from") && !p.get("from").asText().isEmpty()) email(p.get("from").asText(), "from");
      }
      default -> {
      }
    }
  }

  static void checkAll(ObjectNode config) {
    if (config.has("platforms") && !config.get("platforms").isArray()) throw bad("platforms must be an array");
    config.withArray("platforms").forEach(PlatformRules::check);
  }

  private static void required(JsonNode p, String field, String type) {
    if (p.path(field).asText("").isBlank()) throw bad(type + ": " + field + " is required");
  }

  private static void httpUrl(JsonNode p, String field, boolean required) {
    String v = p.path(field).asText("");
    if (v.isEmpty()) {
      if (required) throw bad(p.path("type").asText() + ": " + field + " is required");
      return;
    }
    if (v.contains(WebhookConfig.MASK)) return; // a masked stored value, restored by the caller
    try {
      URI u = new URI(v);
      if ((u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")))
          && u.getHost() != null)
        return;
    } catch (java.net.URISyntaxException ignored) {
      // reported below
    }
    throw bad(p.path("type").asText() + ": " + field + " must be an http(s) URL");
  }

  private static void email(String value, String field) {
    String address = value.contains("<") && value.contains(">")
        ? value.substring(value.indexOf('<') + 1, value.indexOf('>'))
        : value;
    if (!EMAIL.matcher(address).matches()) throw bad("smtp: " + field + " is not an email address: " + value);
  }

  static FailureException bad(String message) {
    return new FailureException(Failure.of(FailureKind.CALLER_BAD_REQUEST, message));
  }
}
