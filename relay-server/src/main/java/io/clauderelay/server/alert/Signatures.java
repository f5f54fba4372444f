package io.clauderelay.server.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signatures the chat platforms check on a signed robot webhook, and ours on a custom one. */
public final class Signatures {
  private Signatures() {}

  /** DingTalk: Base64(HMAC-SHA256(key = secret, "timestampMillis\nsecret")), sent URL-encoded as {@code sign}. */
  public static String dingTalk(String secret, long timestampMillis) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  /** Feishu/Lark: Base64(HMAC-SHA256(key = "timestampSeconds\nsecret", empty message)), in the body's {@code sign}. */
  public static String feishu(String secret, long timestampSeconds) {
    return Base64.getEncoder().encodeToString(hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8),
        new byte[0]));
  }

  /** A custom webhook: hex HMAC-SHA256(key = secret, "timestampSeconds.body"), as {@code X-Signature: sha256=…}. */
  public static String custom(String secret, long timestampSeconds, String body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
