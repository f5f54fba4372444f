package io.clauderelay.crypto;

import io.clauderelay.domain.port.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored upstream credentials with AES-256-GCM under a sub-key of {@code ENCRYPTION_KEY}.
 * Output: {@code v1:} + base64(12-byte random IV ‖ ciphertext ‖ 128-bit tag).
 */
public final class AesGcmCipher implements SecretCipher {
  public static final String PREFIX = "v1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final SecretKey key;

  public AesGcmCipher(EncryptionKey encryptionKey) {
    this.key = new SecretKeySpec(encryptionKey.secretCipherKey(), "AES");
    decrypt(encrypt("")); // fail at start-up if the JVM lacks AES-GCM
  }

  @Override
  public String encrypt(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      // A new Cipher per call: Cipher is not thread-safe, and GCM forbids re-using one IV anyway.
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption is unavailable in this JVM", e);
    }
  }

  /** @throws IllegalArgumentException for malformed, altered or foreign input; never quotes it */
  @Override
  public String decrypt(String ciphertext) {
    if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Encrypted value is not in the " + PREFIX + " format");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      // Not chained: the decoder's message quotes part of the input.
      throw new IllegalArgumentException("Encrypted value is not valid base64");
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("Encrypted value is too short to be a " + PREFIX + " value");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalArgumentException(
          "Encrypted value failed authentication: it was altered or encrypted with a different "
              + EncryptionKey.VARIABLE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "AesGcmCipher[AES-256-GCM]";
  }
}
