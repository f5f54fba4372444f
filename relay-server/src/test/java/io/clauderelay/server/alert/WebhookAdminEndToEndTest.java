package io.clauderelay.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The original's /admin/webhook routes on a running relay: shapes, validation, masking, encryption at rest. */
class WebhookAdminEndToEndTest {
  static final String HOOK = "https://oapi.dingtalk.com/robot/send?access_token=tok-0123456789";
  static final String SECRET = "SECdingtalk-signing-secret";
  RelayNode relay;

  @BeforeEach
  void start() {
    relay = new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("success").asBoolean()).isTrue();
    return body;
  }

  @Test
  void theDefaultConfigurationIsTheOriginals() {
    JsonNode config = ok(relay.admin("GET", "/admin/webhook/config", null)).path("config");
    assertThat(config.path("enabled").asBoolean(true)).isFalse();
    assertThat(config.path("platforms")).isEmpty();
    for (String type : new String[]{"accountAnomaly", "quotaWarning", "systemError", "securityAlert",
        "rateLimitRecovery", "test"}) {
      assertThat(config.path("notificationTypes").path(type).asBoolean()).as(type).isTrue();
    }
    assertThat(config.path("retrySettings").path("maxRetries").asInt()).isEqualTo(3);
  }

  @Test
  void platformsAreAddedToggledUpdatedAndDeletedWithSecretsMaskedAndStoredEncrypted() {
    JsonNode added = ok(
        relay.admin("POST", "/admin/webhook/platforms", "{\"type\":\"dingtalk\",\"name\":\"ops\",\"url\":\""
            + HOOK + "\",\"enableSign\":true,\"secret\":\"" + SECRET + "\"}"));
    assertThat(added.path("message").asText()).isEqualTo("Webhook平台已添加");
    String id = added.path("platform").path("id").asText();
    assertThat(id).isNotBlank();
    assertThat(added.path("platform").path("enabled").asBoolean()).isTrue();
    assertThat(added.toString()).doesNotContain(SECRET).doesNotContain("tok-0123456789");
    assertThat(added.path("platform").path("url").asText()).startsWith("https://oapi.dingtalk.com/");

    String raw = storedText();
    assertThat(raw).isNotEmpty().doesNotContain(SECRET).doesNotContain("tok-0123456789").doesNotContain("dingtalk");

    JsonNode toggled = ok(relay.admin("POST", "/admin/webhook/platforms/" + id + "/toggle", null));
    assertThat(toggled.path("platform").path("enabled").asBoolean()).isFalse();
    assertThat(toggled.path("message").asText()).isEqualTo("Webhook平台已禁用");

    // The console sends the masked values back with the changed field: the stored secrets stay.
    JsonNode shown = ok(relay.admin("GET", "/admin/webhook/config", null)).path("config").path("platforms").get(0);
    assertThat(shown.toString()).doesNotContain(SECRET).doesNotContain("tok-0123456789");
    assertThat(shown.path("secret").asText()).isEqualTo(WebhookConfig.MASK);
    ok(relay.admin("PUT", "/admin/webhook/platforms/" + id, "{\"name\":\"ops-renamed\",\"secret\":\""
        + shown.path("secret").asText() + "\",\"url\":\"" + shown.path("url").asText() + "\"}"));
    assertThat(storedPlatform(id).path("secret").asText()).isEqualTo(SECRET);
    assertThat(storedPlatform(id).path("url").asText()).isEqualTo(HOOK);
    assertThat(storedPlatform(id).path("name").asText()).isEqualTo("ops-renamed");

    JsonNode saved = ok(relay.admin("POST", "/admin/webhook/config", "{\"enabled\":true,\"platforms\":["
        + ok(relay.admin("GET", "/admin/webhook/config", null)).path("config").path("platforms").get(0)
        + "],\"notificationTypes\":{\"quotaWarning\":false}}"));
    assertThat(saved.path("message").asText()).isEqualTo("Webhook配置已保存");
    assertThat(saved.path("config").path("enabled").asBoolean()).isTrue();
    assertThat(saved.path("config").path("notificationTypes").path("quotaWarning").asBoolean()).isFalse();
    assertThat(saved.path("config").path("notificationTypes").path("accountAnomaly").asBoolean()).isTrue();
    assertThat(storedPlatform(id).path("secret").asText()).isEqualTo(SECRET);

    assertThat(ok(relay.admin("DELETE", "/admin/webhook/platforms/" + id, null)).path("message").asText())
        .isEqualTo("Webhook平台已删除");
    assertThat(ok(relay.admin("GET", "/admin/webhook/config", null)).path("config").path("platforms")).isEmpty();
  }

  @Test
  void badInputIsA400NamingTheProblemAndUnknownIdsA404() {
    HttpResponse<String> type = relay.admin("POST", "/admin/webhook/platforms",
        "{\"type\":\"pager\",\"url\":\"https://x.example\"}");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(type.body()).contains("platform type must be one of");
    HttpResponse<String> sign = relay.admin("POST", "/admin/webhook/platforms",
        "{\"type\":\"feishu\",\"url\":\"https://open.feishu.cn/x\",\"enableSign\":true}");
    assertThat(sign.statusCode()).isEqualTo(400);
    assertThat(sign.body()).contains("enableSign needs a secret");
    HttpResponse<String> smtp = relay.admin("POST", "/admin/webhook/platforms",
        "{\"type\":\"smtp\",\"host\":\"mail\",\"user\":\"u\",\"pass\":\"p\",\"to\":\"not-an-address\"}");
    assertThat(smtp.statusCode()).isEqualTo(400);
    assertThat(smtp.body()).contains("not an email address");
    assertThat(relay.admin("POST", "/admin/webhook/platforms", "not json").statusCode()).isEqualTo(400);
    assertThat(relay.admin("PUT", "/admin/webhook/platforms/nope", "{}").statusCode()).isEqualTo(404);
    assertThat(relay.admin("POST", "/admin/webhook/platforms/nope/toggle", null).statusCode()).isEqualTo(404);
    assertThat(relay.send("GET", "/admin/webhook/config", Map.of(), null).statusCode()).isEqualTo(401);
  }

  String storedText() {
    return relay.app.settings().get(WebhookConfigStore.NAME).toCompletableFuture().join().orElse("");
  }

  JsonNode storedPlatform(String id) {
    String plain = relay.app.cipher().decrypt(storedText());
    for (JsonNode p : RelayNode.json(plain).path("platforms")) if (p.path("id").asText().equals(id)) return p;
    throw new AssertionError("no stored platform " + id);
  }
}
