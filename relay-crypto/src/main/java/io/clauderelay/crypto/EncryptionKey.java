package io.clauderelay.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parsed {@code ENCRYPTION_KEY} setting (32 random bytes) and the independent sub-keys derived
 * from it, one per purpose, so that the key-hash pepper never equals the encryption key.
 */
public final class EncryptionKey {
  public static final String VARIABLE = "ENCRYPTION_KEY";
  public static final int LENGTH_BYTES = 32;
  static final String KEY_HASH_LABEL = "claude-relay/key-hash/v1";
  static final String SECRET_CIPHER_LABEL = "claude-relay/secret-cipher/v1";

  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern BASE64_ANY_ALPHABET = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
  private static final String EXPECTED = VARIABLE + " must be 32 bytes as base64 (44 characters) or 64 hex characters";
  private static final String HOW_TO = "Generate one with: openssl rand -base64 32";

  private final byte[] master;

  private EncryptionKey(byte[] master) {
    this.master = master;
  }

  /**
   * Parses the setting: 64 hex characters, or base64 (standard or URL-safe, padding optional) of
   * exactly 32 bytes. Surrounding whitespace is ignored (a trailing newline from a file is common).
   *
   * @throws IllegalArgumentException with a one-line message that never contains the value
   */
  public static EncryptionKey parse(String setting) {
    if (setting == null || setting.isBlank()) {
      throw new IllegalArgumentException(VARIABLE + " is not set. " + HOW_TO);
    }
    String value = setting.strip();
    if (HEX_64.matcher(value).matches()) {
      return new EncryptionKey(HexFormat.of().parseHex(value));
    }
    if (!BASE64_ANY_ALPHABET.matcher(value).matches()) {
      throw invalid("got " + value.length() + " characters that are neither base64 nor hex");
    }
    byte[] decoded;
    try {
      // Java's basic decoder accepts missing padding; mapping the URL-safe alphabet onto the
      // standard one lets a single decoder read both forms.
      decoded = Base64.getDecoder().decode(value.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      // Not chained: the decoder's message quotes a character of the value.
      throw invalid("got " + value.length() + " characters that are not valid base64");
    }
    if (decoded.length != LENGTH_BYTES) {
      Arrays.fill(decoded, (byte) 0);
      throw invalid("got " + value.length() + " characters (" + decoded.length + " bytes)");
    }
    return new EncryptionKey(decoded);
  }

  /** A key from raw bytes (copied), e.g. one just generated. */
  public static EncryptionKey ofBytes(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH_BYTES) {
      throw invalid("got " + (bytes == null ? 0 : bytes.length) + " bytes");
    }
    return new EncryptionKey(bytes.clone());
  }

  /** The pepper for {@link HmacKeyHasher}. */
  public byte[] keyHashKey() {
    return derive(KEY_HASH_LABEL);
  }

  /** The AES-256 key for {@link AesGcmCipher}. */
  public byte[] secretCipherKey() {
    return derive(SECRET_CIPHER_LABEL);
  }

  /** A 32-byte sub-key for one purpose; different labels give independent keys. */
  public byte[] derive(String label) {
    // The master is already uniformly random, so HKDF-Extract adds nothing: it serves as the PRK.
    return hkdfExpand(master, label.getBytes(StandardCharsets.UTF_8), LENGTH_BYTES);
  }

  /** HKDF-Expand (RFC 5869 section 2.3) with HMAC-SHA-256. */
  static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > 255 * 32) {
      throw new IllegalArgumentException("HKDF-Expand length must be 1..8160 bytes");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] block = new byte[0];
      int written = 0;
      for (int counter = 1; written < length; counter++) {
        mac.update(block);
        mac.update(info);
        mac.update((byte) counter);
        block = mac.doFinal();
        int n = Math.min(block.length, length - written);
        System.arraycopy(block, 0, out, written, n);
        written += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(EXPECTED + "; " + problem + ". " + HOW_TO);
  }

  @Override
  public String toString() {
    return "EncryptionKey[redacted]";
  }
}
