package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmCipherTest {
  private static final String SECRET = "sk-ant-oat01-very-secret-refresh-token";
  private final AesGcmCipher cipher = new AesGcmCipher(EncryptionKey.parse(EncryptionKeyTest.MASTER_HEX));

  @Test
  void roundTripsText() {
    assertThat(cipher.decrypt(cipher.encrypt(SECRET))).isEqualTo(SECRET);
  }

  @Test
  void roundTripsEmptyAndNonAsciiText() {
    assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
    String unicode = "clé secrète — 秘密 🔑";
    assertThat(cipher.decrypt(cipher.encrypt(unicode))).isEqualTo(unicode);
  }

  @Test
  void roundTripsLongText() {
    String json = "{\"accessToken\":\"" + "x".repeat(20_000) + "\"}";
    assertThat(cipher.decrypt(cipher.encrypt(json))).isEqualTo(json);
  }

  @Test
  void anotherInstanceWithTheSameKeyDecrypts() {
    AesGcmCipher peer = new AesGcmCipher(EncryptionKey.parse(EncryptionKeyTest.MASTER_B64));
    assertThat(peer.decrypt(cipher.encrypt(SECRET))).isEqualTo(SECRET);
  }

  @Test
  void outputIsVersionedBase64OfIvCiphertextAndTag() {
    String encrypted = cipher.encrypt(SECRET);
    assertThat(encrypted).startsWith("v1:").doesNotContain(SECRET);
    byte[] raw = Base64.getDecoder().decode(encrypted.substring(3));
    assertThat(raw).hasSize(12 + SECRET.length() + 16);
  }

  @Test
  void twoEncryptionsOfTheSamePlaintextDiffer() {
    String a = cipher.encrypt(SECRET);
    String b = cipher.encrypt(SECRET);
    assertThat(a).isNotEqualTo(b);
    assertThat(iv(a)).isNotEqualTo(iv(b));
  }

  @Test
  void rejectsATamperedCiphertextWithoutQuotingIt() {
    String encrypted = cipher.encrypt(SECRET);
    byte[] raw = Base64.getDecoder().decode(encrypted.substring(3));
    raw[14] ^= 0x01; // a ciphertext byte, after the 12-byte IV
    String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt(tampered))
        .withMessageContaining("altered or encrypted with a different ENCRYPTION_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tampered).doesNotContain(SECRET));
  }

  @Test
  void rejectsATamperedIvOrTag() {
    byte[] raw = Base64.getDecoder().decode(cipher.encrypt(SECRET).substring(3));
    byte[] badIv = raw.clone();
    badIv[0] ^= 0x01;
    byte[] badTag = raw.clone();
    badTag[raw.length - 1] ^= 0x01;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(badIv)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(badTag)));
  }

  @Test
  void rejectsAValueEncryptedWithAnotherKey() {
    AesGcmCipher foreign = new AesGcmCipher(EncryptionKey.ofBytes(new byte[32]));
    String encrypted = foreign.encrypt(SECRET);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt(encrypted))
        .withMessageContaining("different ENCRYPTION_KEY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain-legacy-value", "v2:AAAA", "v1:", "v1:AAAA", "v1:not*base64!", "abcdef:0123"})
  void rejectsMalformedInputWithAMessageThatDoesNotQuoteIt(String malformed) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt(malformed))
        .satisfies(e -> {
          assertThat(e.getMessage()).startsWith("Encrypted value");
          if (malformed.length() > 3) assertThat(e.getMessage()).doesNotContain(malformed.substring(3));
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void rejectsNull() {
    assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt(null));
  }

  @Test
  void toStringRevealsNoKeyMaterial() {
    assertThat(cipher.toString()).isEqualTo("AesGcmCipher[AES-256-GCM]");
  }

  private static byte[] iv(String encrypted) {
    byte[] raw = Base64.getDecoder().decode(encrypted.substring(3));
    return java.util.Arrays.copyOf(raw, 12);
  }
}
