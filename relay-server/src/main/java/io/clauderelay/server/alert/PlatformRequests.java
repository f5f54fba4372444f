package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP request each chat platform expects for one message, in the original's payload shapes:
 * WeCom and DingTalk markdown, a Feishu card, Slack text, a Discord embed, a Telegram bot message,
 * a Bark push and the custom JSON {@code {type, service, timestamp, data}}.
 */
final class PlatformRequests {
  static final String USER_AGENT = "claude-relay-service/2.0";
  static final String SERVICE = "claude-relay-service";

  /** One JSON POST. */
  record Post(String url, Map<String, String> headers, String body) {}

  private PlatformRequests() {}

  static Post build(ObjectNode p, AlertMessage m, Instant now) {
    ObjectNode body = WebhookConfig.JSON.createObjectNode();
    Map<String, String> headers = new LinkedHashMap<>();
    String url = p.path("url").asText("");
    String text = "**" + m.title() + "**\n\n" + m.lines();
    switch (p.path("type").asText()) {
      case "wechat_work" -> {
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("content", "## " + m.title() + "\n\n" + quote(m.lines()));
      }
      case "dingtalk" -> {
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("title", m.title()).put("text", "#### " + m.title() + "\n\n" + m.lines());
        if (p.path("enableSign").asBoolean(false) && !p.path("secret").asText("").isEmpty()) {
          long ts = now.toEpochMilli();
          url += (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign="
              + URLEncoder.encode(Signatures.dingTalk(p.get("secret").asText(), ts), StandardCharsets.UTF_8);
        }
      }
      case "feishu" -> {
        body.put("msg_type", "interactive");
        ObjectNode card = body.putObject("card");
        card.putArray("elements").addObject().put("tag", "markdown").put("content", m.lines());
        ObjectNode header = card.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", m.title());
        header.put("template", m.type().equals("rateLimitRecovery") || m.type().equals("test") ? "green" : "red");
        if (p.path("enableSign").asBoolean(false) && !p.path("secret").asText("").isEmpty()) {
          long ts = now.getEpochSecond();
          body.put("timestamp", Long.toString(ts));
          body.put("sign", Signatures.feishu(p.get("secret").asText(), ts));
        }
      }
      case "slack" -> body.put("text", text.replace("**", "*")).put("username", "Claude Relay Service")
          .put("icon_emoji", m.type().equals("rateLimitRecovery") ? ":tada:" : ":warning:");
      case "discord" -> {
        body.put("username", "Claude Relay Service");
        ObjectNode embed = body.putArray("embeds").addObject();
        embed.put("title", m.title()).put("description", m.lines()).put("timestamp", now.toString())
            .put("color", m.type().equals("rateLimitRecovery") || m.type().equals("test") ? 0x2ecc71 : 0xe74c3c);
      }
      case "telegram" -> {
        String base = p.path("apiBaseUrl").asText("").isBlank()
            ? "https://api.telegram.org"
            : p.get("apiBaseUrl").asText();
        url = base.replaceAll("/+$", "") + "/bot" + p.path("botToken").asText() + "/sendMessage";
        body.put("chat_id", p.path("chatId").asText()).put("text", m.title() + "\n\n" + m.lines())
            .put("disable_web_page_preview", true);
      }
      case "bark" -> {
        url = p.path("serverUrl").asText("").isBlank() ? "https://api.day.app/push" : p.get("serverUrl").asText();
        body.put("device_key", p.path("deviceKey").asText()).put("title", m.title()).put("body", m.lines())
            .put("level", p.path("level").asText(barkLevel(m.type()))).put("sound", p.path("sound").asText("default"))
            .put("group", p.path("group").asText("claude-relay")).put("badge", 1);
        if (p.hasNonNull("icon")) body.put("icon", p.get("icon").asText());
        if (p.hasNonNull("clickUrl")) body.put("url", p.get("clickUrl").asText());
      }
      default -> {
        body.put("type", m.type()).put("service", SERVICE).put("timestamp", m.timestamp());
        body.set("data", m.data());
        if (p.path("enableSign").asBoolean(false) && !p.path("secret").asText("").isEmpty()) {
          long ts = now.getEpochSecond();
          headers.put("x-signature-timestamp", Long.toString(ts));
          headers.put("x-signature", Signatures.custom(p.get("secret").asText(), ts, body.toString()));
        }
      }
    }
    return new Post(url, headers, body.toString());
  }

  private static String quote(String lines) {
    return "> " + lines.replace("\n", "\n> ");
  }

  private static String barkLevel(String type) {
    return switch (type) {
      case "systemError", "securityAlert" -> "critical";
      case "accountAnomaly" -> "timeSensitive";
      case "test" -> "passive";
      default -> "active";
    };
  }
}
