package io.clauderelay.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks the admin password with PBKDF2-HMAC-SHA-256. Stored form:
 * {@code pbkdf2-sha256$<iterations>$<saltB64>$<hashB64>}; the iteration count travels with the
 * hash so it can be raised later without invalidating existing ones.
 */
public final class PasswordHasher {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int ITERATIONS = 120_000;
  /** Bounds for a stored count: a corrupted value must not pin a CPU for minutes. */
  static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MAX_HASH_BYTES = 64;
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_PASSWORD_LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHasher() {}

  /** Hashes with a fresh random salt; the caller may wipe {@code password} afterwards. */
  public static String hash(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("Password must not be empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] derived = pbkdf2(password, salt, ITERATIONS, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
  }

  public static String hash(String password) {
    Objects.requireNonNull(password, "password");
    char[] chars = password.toCharArray();
    try {
      return hash(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** True only if the password matches; false for any malformed stored value. Constant-time compare. */
  public static boolean verify(char[] password, String stored) {
    if (password == null || password.length == 0 || stored == null) return false;
    if (isBcrypt(stored)) return verifyBcrypt(password, stored);
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) return false;
    int iterations;
    byte[] salt;
    byte[] expected;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0
        || expected.length == 0 || expected.length > MAX_HASH_BYTES) {
      return false;
    }
    return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations, expected.length));
  }

  public static boolean verify(String password, String stored) {
    if (password == null) return false;
    char[] chars = password.toCharArray();
    try {
      return verify(chars, stored);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** A 20-character alphanumeric password for the initial admin, shown once. */
  public static String randomPassword() {
    char[] out = new char[RANDOM_PASSWORD_LENGTH];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length()));
    }
    return new String(out);
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** True when {@code stored} is not our current scheme (e.g. CRS's bcrypt): rehash it at the next good login. */
  public static boolean needsUpgrade(String stored) {
    return stored == null || !stored.startsWith(SCHEME + "$");
  }

  // CRS (the original) stored the admin password with bcrypt; imported hashes are checked with Bouncy Castle.
  private static boolean isBcrypt(String stored) {
    return stored.length() == 60
        && (stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$"));
  }

  private static boolean verifyBcrypt(char[] password, String stored) {
    try {
      return org.bouncycastle.crypto.generators.OpenBSDBCrypt.checkPassword(stored, password);
    } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException malformed) {
      return false;
    }
  }
}
