package io.clauderelay.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.clauderelay.server.e2e.RelayNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/webhook/test} to every platform, each against a local receiver that checks
 * what the real service checks: DingTalk's and Feishu's signatures, our custom HMAC, Telegram's bot
 * path and its {@code ok} answer, the payload shapes; and an e-mail delivered to a local SMTP
 * server (GreenMail) with the SMTP login.
 */
class WebhookPlatformsEndToEndTest {
  static final String SECRET = "SEC-platform-signing-secret";
  RelayNode relay;
  FakeWebhookReceiver hooks;

  @BeforeEach
  void start() {
    relay = new RelayNode();
    hooks = new FakeWebhookReceiver();
  }

  @AfterEach
  void stop() {
    relay.close();
    hooks.close();
  }

  JsonNode test(String platformJson) {
    HttpResponse<String> r = relay.admin("POST", "/admin/webhook/test", platformJson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RelayNode.json(r.body()).path("message").asText()).isEqualTo("Webhook测试成功");
    return RelayNode.json(r.body());
  }

  FakeWebhookReceiver.Received one(String path) throws InterruptedException {
    List<FakeWebhookReceiver.Received> got = hooks.await(path, 1, Duration.ofSeconds(10));
    assertThat(got).hasSize(1);
    return got.get(0);
  }

  static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  static Map<String, String> query(String q) {
    return java.util.Arrays.stream(q.split("&")).map(kv -> kv.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
  }

  @Test
  void dingTalkIsSignedAsDingTalkVerifies() throws Exception {
    test("{\"type\":\"dingtalk\",\"url\":\"" + hooks.url("/robot/send")
        + "?access_token=abc\",\"enableSign\":true,\"secret\":\"" + SECRET + "\"}");
    FakeWebhookReceiver.Received r = one("/robot/send");
    Map<String, String> q = query(r.query());
    assertThat(q.get("access_token")).isEqualTo("abc");
    long ts = Long.parseLong(q.get("timestamp"));
    String expected = Base64.getEncoder().encodeToString(hmac(SECRET.getBytes(StandardCharsets.UTF_8),
        (ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(q.get("sign")).isEqualTo(expected);
    assertThat(Math.abs(System.currentTimeMillis() - ts)).as("DingTalk refuses timestamps an hour off")
        .isLessThan(3_600_000);
    assertThat(r.json().path("msgtype").asText()).isEqualTo("markdown");
    assertThat(r.json().path("markdown").path("title").asText()).contains("测试通知");
    assertThat(r.body()).doesNotContain(SECRET);
  }

  @Test
  void feishuIsSignedAsFeishuVerifies() throws Exception {
    test("{\"type\":\"feishu\",\"url\":\"" + hooks.url("/open-apis/bot/v2/hook/x")
        + "\",\"enableSign\":true,\"secret\":\"" + SECRET + "\"}");
    JsonNode body = one("/open-apis/bot/v2/hook/x").json();
    long ts = Long.parseLong(body.path("timestamp").asText());
    String expected = Base64.getEncoder()
        .encodeToString(hmac((ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
    assertThat(body.path("sign").asText()).isEqualTo(expected);
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.path("card").path("header").path("title").path("content").asText()).contains("测试通知");
  }

  @Test
  void customIsTheOriginalsJsonAndOptionallyHmacSigned() throws Exception {
    test("{\"type\":\"custom\",\"url\":\"" + hooks.url("/hook") + "\",\"enableSign\":true,\"secret\":\"" + SECRET
        + "\"}");
    FakeWebhookReceiver.Received r = one("/hook");
    JsonNode body = r.json();
    assertThat(body.path("type").asText()).isEqualTo("test");
    assertThat(body.path("service").asText()).isEqualTo("claude-relay-service");
    assertThat(body.path("timestamp").asText()).isNotBlank();
    assertThat(body.path("data").path("message").asText()).isNotBlank();
    String ts = r.headers().get("x-signature-timestamp");
    String expected = "sha256=" + HexFormat.of().formatHex(hmac(SECRET.getBytes(StandardCharsets.UTF_8),
        (ts + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.headers().get("x-signature")).isEqualTo(expected);
    assertThat(r.body()).doesNotContain(SECRET);

    test("{\"type\":\"custom\",\"url\":\"" + hooks.url("/plain") + "\"}");
    assertThat(one("/plain").headers()).doesNotContainKey("x-signature");
  }

  @Test
  void weComSlackDiscordTelegramAndBarkGetTheirOwnShapes() throws Exception {
    test("{\"type\":\"wechat_work\",\"url\":\"" + hooks.url("/cgi-bin/webhook/send") + "?key=k\"}");
    assertThat(one("/cgi-bin/webhook/send").json().path("markdown").path("content").asText()).contains("测试通知");
    test("{\"type\":\"slack\",\"url\":\"" + hooks.url("/services/T/B/X") + "\"}");
    assertThat(one("/services/T/B/X").json().path("text").asText()).contains("Test notification");
    test("{\"type\":\"discord\",\"url\":\"" + hooks.url("/api/webhooks/1/t") + "\"}");
    assertThat(one("/api/webhooks/1/t").json().path("embeds").get(0).path("title").asText()).contains("测试通知");
    test("{\"type\":\"telegram\",\"botToken\":\"123:ABC\",\"chatId\":\"-100\",\"apiBaseUrl\":\"" + hooks.url("")
        + "\"}");
    JsonNode tg = one("/bot123:ABC/sendMessage").json();
    assertThat(tg.path("chat_id").asText()).isEqualTo("-100");
    assertThat(tg.path("text").asText()).contains("测试通知");
    test(
        "{\"type\":\"bark\",\"deviceKey\":\"devkey-0123456789abcdefgh\",\"serverUrl\":\"" + hooks.url("/push") + "\"}");
    JsonNode bark = one("/push").json();
    assertThat(bark.path("device_key").asText()).isEqualTo("devkey-0123456789abcdefgh");
    assertThat(bark.path("level").asText()).isEqualTo("passive");
  }

  @Test
  void aFailingPlatformIsA400WithTheReasonAndNoSecret() {
    hooks.failFirst("/down", 5);
    HttpResponse<String> r = relay.admin("POST", "/admin/webhook/test",
        "{\"type\":\"custom\",\"url\":\"" + hooks.url("/down")
            + "\",\"enableSign\":true,\"secret\":\"" + SECRET + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = RelayNode.json(r.body());
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("error").asText()).isEqualTo("HTTP 500");
    assertThat(r.body()).doesNotContain(SECRET);
  }

  @Test
  void smtpDeliversAnEmailWithTheLogin() throws Exception {
    int port = RedisServerProcess.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.setUser("alerts@relay.example", "alerts", "smtp-password-123");
    mail.start();
    try {
      test("{\"type\":\"smtp\",\"host\":\"127.0.0.1\",\"port\":" + port
          + ",\"user\":\"alerts\",\"pass\":\"smtp-password-123\","
          + "\"from\":\"Relay <alerts@relay.example>\",\"to\":\"ops@relay.example\"}");
      assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage m = mail.getReceivedMessages()[0];
      assertThat(m.getSubject()).startsWith("[Claude Relay Service]").contains("测试通知");
      assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ops@relay.example");
      assertThat(String.valueOf(m.getContent())).doesNotContain("smtp-password-123");
      HttpResponse<String> wrong = relay.admin("POST", "/admin/webhook/test",
          "{\"type\":\"smtp\",\"host\":\"127.0.0.1\",\"port\":"
              + port + ",\"user\":\"alerts\",\"pass\":\"wrong-password\",\"to\":\"ops@relay.example\"}");
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).doesNotContain("wrong-password");
    } finally {
      mail.stop();
    }
  }
}
