package io.clauderelay.crypto.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * CRS's credential format, with a vector made outside Java (Python's hashlib.scrypt and the
 * cryptography package: scrypt N=16384 r=8 p=1, AES-256-CBC, PKCS#7, IV 00..0f).
 */
class CrsCipherTest {
  static final String VECTOR = "000102030405060708090a0b0c0d0e0f:0eb5dd7d82f38b38d42086b3ac62c99746a35f15b543077b4d61d07511a6e664";

  @Test
  void decryptsWhatCrsWroteWithTheSameKeyStringAndSalt() throws Exception {
    assertThat(new CrsCipher("test-key-string").decrypt(VECTOR, "gemini-api-salt")).isEqualTo("AIza-unit-test-secret");
  }

  @Test
  void aWrongKeyStringOrSaltIsRefusedRatherThanReturnedAsCiphertext() {
    assertThatThrownBy(() -> new CrsCipher("another-key-string").decrypt(VECTOR, "gemini-api-salt"))
        .isInstanceOf(CrsCipher.WrongKeyException.class).hasMessageNotContaining("0eb5dd");
    assertThatThrownBy(() -> new CrsCipher("test-key-string").decrypt(VECTOR, "claude-console-salt"))
        .isInstanceOf(CrsCipher.WrongKeyException.class);
  }

  @Test
  void emptyStaysEmptyAndAValueWithoutIvIsCrsPlaintext() throws Exception {
    CrsCipher c = new CrsCipher("test-key-string");
    assertThat(c.decrypt("", "salt")).isEmpty();
    assertThat(c.decrypt("sk-plain", "salt")).isEqualTo("sk-plain");
  }

  @Test
  void crsKeyHashIsSha256OfTheKeyFollowedByTheKeyString() {
    // python3: hashlib.sha256(('cr_' + 'ab' * 32 + 'test-key-string').encode()).hexdigest()
    String key = "cr_" + "ab".repeat(32);
    CrsKeyHasher h = new CrsKeyHasher("test-key-string");
    assertThat(h.hash(key)).isEqualTo("665fe05a11dff256053fb1e6af0f558b5049da0d98a7e40d0d1d7e854ac04f6c");
    assertThat(h.legacyHashOf(key))
        .isEqualTo("crs-sha256:665fe05a11dff256053fb1e6af0f558b5049da0d98a7e40d0d1d7e854ac04f6c");
  }
}
