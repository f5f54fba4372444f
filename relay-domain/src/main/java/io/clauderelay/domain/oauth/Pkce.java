package io.clauderelay.domain.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The PKCE pieces of one authorization (RFC 7636): a 32-byte random verifier, its S256 challenge,
 * and a 32-byte random state, all base64url without padding.
 */
public record Pkce(String verifier, String challenge, String state) {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  public static Pkce generate(SecureRandom random) {
    String verifier = randomToken(random);
    return new Pkce(verifier, challengeOf(verifier), randomToken(random));
  }

  /** {@code BASE64URL(SHA-256(ASCII(verifier)))}. */
  public static String challengeOf(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return B64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String randomToken(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return B64URL.encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
