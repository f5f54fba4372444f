package io.clauderelay.server.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin-token signing secret and the encryption key. In development either may be ephemeral
 * (generated at start, lost at stop); production refuses to start without both. {@code
 * crsEncryptionKey} is the string CRS (the original) ran with, {@code CRS_ENCRYPTION_KEY} or else
 * {@code ENCRYPTION_KEY}: keys CRS issued are recognised by CRS's hash under it.
 */
public record SecretsConfig(Secret jwtSecret, Secret encryptionKey, boolean jwtSecretEphemeral,
    boolean encryptionKeyEphemeral,
    Secret crsEncryptionKey) {
  static final int JWT_SECRET_MIN_LENGTH = 32;
  static final int ENCRYPTION_KEY_BYTES = 32;
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String JWT_EXAMPLE = "JWT_SECRET=<output of openssl rand -base64 48>";
  private static final String KEY_EXAMPLE = "ENCRYPTION_KEY=<output of openssl rand -base64 32>";

  static SecretsConfig from(EnvValues env, AppEnv appEnv, SecureRandom random, List<String> warnings) {
    Optional<Secret> jwt = env.secret("JWT_SECRET");
    Optional<Secret> key = env.secret("ENCRYPTION_KEY");
    jwt.ifPresent(SecretsConfig::checkJwtSecret);
    key.ifPresent(SecretsConfig::checkEncryptionKey);
    if (appEnv.isProduction()) {
      jwt.orElseThrow(() -> EnvValues.missing("JWT_SECRET", "in production", JWT_EXAMPLE));
      key.orElseThrow(() -> EnvValues.missing("ENCRYPTION_KEY", "in production", KEY_EXAMPLE));
    }
    if (jwt.isEmpty()) {
      warnings.add("JWT_SECRET not set: using an ephemeral secret; admin sessions end when the relay stops"
          + " and are valid on this node only");
    }
    if (key.isEmpty()) {
      warnings.add("ENCRYPTION_KEY not set: using an ephemeral key; API keys and upstream credentials stored now"
          + " cannot be read after the relay stops");
    }
    return new SecretsConfig(
        jwt.orElseGet(() -> randomBase64(random, 48)),
        key.orElseGet(() -> randomBase64(random, ENCRYPTION_KEY_BYTES)),
        jwt.isEmpty(), key.isEmpty(),
        env.secret("CRS_ENCRYPTION_KEY").or(() -> key).orElse(null));
  }

  private static void checkJwtSecret(Secret s) {
    if (s.length() < JWT_SECRET_MIN_LENGTH) {
      throw EnvValues.invalidSecret("JWT_SECRET", "must be at least " + JWT_SECRET_MIN_LENGTH + " characters",
          s.length() + " characters", JWT_EXAMPLE);
    }
  }

  /** Checks the decoded length only; the crypto module does the real parsing. */
  private static void checkEncryptionKey(Secret s) {
    String v = s.reveal();
    if (HEX_64.matcher(v).matches() || decodedLength(v, Base64.getDecoder()) == ENCRYPTION_KEY_BYTES
        || decodedLength(v, Base64.getUrlDecoder()) == ENCRYPTION_KEY_BYTES) {
      return;
    }
    throw EnvValues.invalidSecret("ENCRYPTION_KEY",
        "must be 32 bytes as base64 (44 characters) or as 64 hex characters",
        s.length() + " characters that are not one of these", KEY_EXAMPLE);
  }

  private static int decodedLength(String v, Base64.Decoder decoder) {
    try {
      return decoder.decode(v).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static Secret randomBase64(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Secret.of(Base64.getEncoder().encodeToString(b));
  }
}
