package io.clauderelay.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates fresh secrets for a new installation's {@code .env}. */
public final class SecretGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretGenerator() {}

  /** A value for {@code ENCRYPTION_KEY}: 32 random bytes, standard base64 (44 characters). */
  public static String encryptionKeyBase64() {
    return Base64.getEncoder().encodeToString(randomBytes(EncryptionKey.LENGTH_BYTES));
  }

  /** A value for {@code JWT_SECRET}: 48 random bytes, base64url without padding (64 characters). */
  public static String jwtSecret() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(48));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
