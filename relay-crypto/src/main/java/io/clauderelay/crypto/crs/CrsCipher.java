package io.clauderelay.crypto.crs;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Decrypts account secrets as CRS v1.1.x wrote them: {@code hex(iv):hex(ciphertext)}, AES-256-CBC,
 * key = scrypt(CRS's ENCRYPTION_KEY string, the account type's salt, N=16384, r=8, p=1, 32 bytes).
 * Bedrock accounts use another scheme ({@link #decryptBedrock}). Unlike CRS it fails on a wrong key
 * (bad padding or a plaintext that is not UTF-8 text).
 */
public final class CrsCipher {
  private final byte[] password;
  private final Map<String, byte[]> keysBySalt = new ConcurrentHashMap<>();

  public CrsCipher(String crsEncryptionKey) {
    this.password = Objects.requireNonNull(crsEncryptionKey, "crsEncryptionKey").getBytes(StandardCharsets.UTF_8);
  }

  /** Thrown when a value cannot be decrypted with this key; never quotes the value. */
  public static final class WrongKeyException extends Exception {
    public WrongKeyException(String message) {
      super(message);
    }
  }

  /**
   * The plaintext of {@code stored}: empty stays empty, a value without {@code ':'} is CRS's
   * plaintext form and returned as it is.
   */
  public String decrypt(String stored, String salt) throws WrongKeyException {
    if (stored == null || stored.isEmpty()) return "";
    int colon = stored.indexOf(':');
    if (colon < 0) return stored;
    byte[] iv;
    byte[] body;
    try {
      iv = HexFormat.of().parseHex(stored.substring(0, colon));
      body = HexFormat.of().parseHex(stored.substring(colon + 1));
    } catch (IllegalArgumentException notHex) {
      return stored; // a plain value that happens to contain ':' (a URL, a JSON text)
    }
    if (iv.length != 16 || body.length == 0 || body.length % 16 != 0) return stored;
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(salt), "AES"), new IvParameterSpec(iv));
      plain = c.doFinal(body);
    } catch (GeneralSecurityException badPadding) {
      throw new WrongKeyException("does not decrypt (bad padding)");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') throw new WrongKeyException("decrypts to binary");
      }
      return text;
    } catch (CharacterCodingException notText) {
      throw new WrongKeyException("decrypts to binary");
    }
  }

  /**
   * A Bedrock account's {@code {encrypted, iv}} (hex) as CRS wrote it: AES-256-CBC with key
   * SHA-256 of the ENCRYPTION_KEY string (no scrypt, no salt). Empty when {@code encryptedHex} is.
   */
  public String decryptBedrock(String encryptedHex, String ivHex) throws WrongKeyException {
    if (encryptedHex == null || encryptedHex.isEmpty()) return "";
    byte[] iv;
    byte[] body;
    try {
      iv = HexFormat.of().parseHex(ivHex == null ? "" : ivHex);
      body = HexFormat.of().parseHex(encryptedHex);
    } catch (IllegalArgumentException notHex) {
      throw new WrongKeyException("is not CRS's {encrypted, iv} hex");
    }
    if (iv.length != 16 || body.length == 0 || body.length % 16 != 0)
      throw new WrongKeyException("is not CRS's {encrypted, iv} hex");
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(password), "AES"),
          new IvParameterSpec(iv));
      return text(c.doFinal(body));
    } catch (GeneralSecurityException badPadding) {
      throw new WrongKeyException("does not decrypt (bad padding)");
    }
  }

  private static String text(byte[] plain) throws WrongKeyException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') throw new WrongKeyException("decrypts to binary");
      }
      return text;
    } catch (CharacterCodingException notText) {
      throw new WrongKeyException("decrypts to binary");
    }
  }

  private byte[] key(String salt) {
    return keysBySalt.computeIfAbsent(salt,
        s -> SCrypt.generate(password, s.getBytes(StandardCharsets.UTF_8), 16384, 8, 1, 32));
  }
}
