package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionKeyTest {
  static final String MASTER_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String MASTER_B64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  /** Computed independently (Python hmac/hashlib HKDF-Expand) for master bytes 0x00..0x1f. */
  static final String KEY_HASH_SUBKEY = "b9bce60d9d6772a5ec5c720a6fb3516e4caaee9e89d9dfab8f163ad7ea8497c0";
  static final String CIPHER_SUBKEY = "75c0324c5496f243c26d4083a917b94e8b959d8da429e19f9b2ed0bb78e0f268";

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void parsesStandardBase64WithPadding() {
    assertThat(hex(EncryptionKey.parse(MASTER_B64).keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
  }

  @Test
  void parsesBase64WithoutPadding() {
    assertThat(hex(EncryptionKey.parse(MASTER_B64.replace("=", "")).keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
  }

  @Test
  void parsesHexInEitherCase() {
    assertThat(hex(EncryptionKey.parse(MASTER_HEX).keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
    assertThat(hex(EncryptionKey.parse(MASTER_HEX.toUpperCase()).keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
  }

  @Test
  void standardAndUrlSafeBase64OfTheSameBytesGiveTheSameKey() {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 0xff); // encodes to '/' in standard and '_' in URL-safe base64
    String standard = Base64.getEncoder().encodeToString(bytes);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThat(standard).contains("/");
    assertThat(urlSafe).contains("_");
    assertThat(EncryptionKey.parse(urlSafe).secretCipherKey())
        .isEqualTo(EncryptionKey.parse(standard).secretCipherKey())
        .isEqualTo(EncryptionKey.ofBytes(bytes).secretCipherKey());
  }

  @Test
  void ignoresSurroundingWhitespaceSuchAsATrailingNewline() {
    assertThat(hex(EncryptionKey.parse("  " + MASTER_B64 + "\n").keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
  }

  @Test
  void derivesTheCipherSubKeyFromItsOwnLabel() {
    assertThat(hex(EncryptionKey.parse(MASTER_HEX).secretCipherKey())).isEqualTo(CIPHER_SUBKEY);
  }

  @Test
  void subKeysDifferFromEachOtherAndFromTheMaster() {
    EncryptionKey key = EncryptionKey.parse(MASTER_HEX);
    assertThat(key.keyHashKey()).isNotEqualTo(key.secretCipherKey());
    assertThat(hex(key.keyHashKey())).isNotEqualTo(MASTER_HEX);
    assertThat(hex(key.secretCipherKey())).isNotEqualTo(MASTER_HEX);
    assertThat(key.derive("another/purpose")).isNotEqualTo(key.keyHashKey()).hasSize(32);
  }

  @Test
  void derivationMatchesRfc5869TestCase1() {
    byte[] prk = HexFormat.of().parseHex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertThat(hex(EncryptionKey.hkdfExpand(prk, info, 42)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "short-secret",
      "this is a 32 character passphras", // the original accepted any string; we do not
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8fHx8=", // 35 bytes
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1", // 63 hex
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8*",
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH=h8"
  })
  void rejectsAnythingButThirtyTwoBytesWithAOneLineMessageWithoutTheValue(String bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.parse(bad))
        .satisfies(e -> {
          assertThat(e.getMessage())
              .startsWith("ENCRYPTION_KEY must be 32 bytes as base64 (44 characters) or 64 hex characters; got ")
              .contains("Generate one with: openssl rand -base64 32")
              .doesNotContain(bad)
              .doesNotContain("\n");
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void reportsTheLengthItGot() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.parse("abcdefghijkl"))
        .withMessageContaining("got 12 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void saysSoWhenTheSettingIsEmpty(String empty) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.parse(empty))
        .withMessage("ENCRYPTION_KEY is not set. Generate one with: openssl rand -base64 32");
  }

  @Test
  void saysSoWhenTheSettingIsMissing() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.parse(null))
        .withMessageStartingWith("ENCRYPTION_KEY is not set");
  }

  @Test
  void rejectsRawBytesOfTheWrongLength() {
    assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKey.ofBytes(new byte[31]));
  }

  @Test
  void copiesRawBytesSoLaterChangesDoNotAffectTheKey() {
    byte[] bytes = HexFormat.of().parseHex(MASTER_HEX);
    EncryptionKey key = EncryptionKey.ofBytes(bytes);
    Arrays.fill(bytes, (byte) 0);
    assertThat(hex(key.keyHashKey())).isEqualTo(KEY_HASH_SUBKEY);
  }

  @Test
  void toStringRevealsNothing() {
    EncryptionKey key = EncryptionKey.parse(MASTER_B64);
    assertThat(key.toString())
        .isEqualTo("EncryptionKey[redacted]")
        .doesNotContain(MASTER_B64)
        .doesNotContain(new String(key.keyHashKey(), StandardCharsets.ISO_8859_1));
  }
}
