package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One notification: its CRS type ({@code accountAnomaly}, {@code quotaWarning}, {@code systemError},
 * {@code securityAlert}, {@code rateLimitRecovery}, {@code test}) and its data fields, which never
 * hold a secret (ids, names, states and reasons only).
 */
public record AlertMessage(String type, ObjectNode data, OffsetDateTime at) {
  static final Map<String, String> TITLES = Map.of(
      "accountAnomaly", "⚠️ 账号异常通知 Account anomaly",
      "quotaWarning", "📊 配额警告 Quota warning",
      "systemError", "❌ 系统错误 System error",
      "securityAlert", "🔒 安全警报 Security alert",
      "rateLimitRecovery", "🎉 限流恢复通知 Account recovered",
      "test", "🧪 测试通知 Test notification");

  public String title() {
    return TITLES.getOrDefault(type, "📢 系统通知 Notification");
  }

  /** The data as "field: value" lines, for the text and markdown platforms. */
  public String lines() {
    StringBuilder sb = new StringBuilder();
    data.fields().forEachRemaining(e -> sb.append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n'));
    return sb.toString().trim();
  }

  public String timestamp() {
    return at.toString();
  }
}
