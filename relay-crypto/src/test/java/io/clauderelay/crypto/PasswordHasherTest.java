package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  /** Made with Python's hashlib.pbkdf2_hmac("sha256", b"correct horse", bytes(range(16)), 1000, 32). */
  private static final String PYTHON_HASH = "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=";

  @Test
  void hashHasTheDocumentedFormat() {
    String stored = PasswordHasher.hash("s3cret-Passw0rd");
    String[] parts = stored.split("\\$");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(parts[1]).isEqualTo("120000");
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    assertThat(stored).doesNotContain("s3cret-Passw0rd");
  }

  @Test
  void verifiesTheRightPasswordAndRefusesAWrongOne() {
    String stored = PasswordHasher.hash("s3cret-Passw0rd".toCharArray());
    assertThat(PasswordHasher.verify("s3cret-Passw0rd", stored)).isTrue();
    assertThat(PasswordHasher.verify("s3cret-Passw0rD", stored)).isFalse();
    assertThat(PasswordHasher.verify("", stored)).isFalse();
  }

  @Test
  void saltsEachHashDifferently() {
    assertThat(PasswordHasher.hash("same")).isNotEqualTo(PasswordHasher.hash("same"));
  }

  @Test
  void readsTheIterationCountFromTheStoredValue() {
    assertThat(PasswordHasher.verify("correct horse", PYTHON_HASH)).isTrue();
    assertThat(PasswordHasher.verify("correct horse".toCharArray(), PYTHON_HASH)).isTrue();
    assertThat(PasswordHasher.verify("correct horse", PYTHON_HASH.replace("$1000$", "$1001$"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "plain",
      "$2a$10$abcdefghijklmnopqrstuuJ3X1iQ7ZbqT5zq0o5l5z5z5z5z5z5z5", // bcrypt, from the original
      "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==",
      "pbkdf2-sha1$1000$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$many$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$0$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$2000000000$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$1000$not base64!$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$1000$$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
      "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$",
      "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=$extra"
  })
  void refusesMalformedStoredValuesWithoutThrowing(String stored) {
    assertThat(PasswordHasher.verify("correct horse", stored)).isFalse();
  }

  @Test
  void refusesNullInputsWithoutThrowing() {
    assertThat(PasswordHasher.verify((String) null, PYTHON_HASH)).isFalse();
    assertThat(PasswordHasher.verify("correct horse", null)).isFalse();
  }

  @Test
  void refusesToHashAnEmptyPassword() {
    assertThatIllegalArgumentException().isThrownBy(() -> PasswordHasher.hash(""));
  }

  @Test
  void randomPasswordsAreTwentyAlphanumericCharacters() {
    assertThat(PasswordHasher.randomPassword()).matches("[A-Za-z0-9]{20}");
  }

  @Test
  void randomPasswordsDifferAndUseTheWholeAlphabet() {
    Set<String> passwords = new HashSet<>();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String p = PasswordHasher.randomPassword();
      passwords.add(p);
      for (char c : p.toCharArray()) seen.add(c);
    }
    assertThat(passwords).hasSize(500);
    assertThat(seen).hasSize(62); // 10,000 draws from 62 symbols: missing one has odds ~1e-70
  }

  @Test
  void bcryptHashesImportedFromCrsAreCheckedAndMarkedForUpgrade() {
    // A published crypt_blowfish test vector (openwall wrapper.c): password "U*U".
    String crs = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    assertThat(PasswordHasher.verify("U*U", crs)).isTrue();
    assertThat(PasswordHasher.verify("U*V", crs)).isFalse();
    assertThat(PasswordHasher.verify("U*U", "$2a$05$not-a-bcrypt-hash")).isFalse();
    assertThat(PasswordHasher.needsUpgrade(crs)).isTrue();
    assertThat(PasswordHasher.needsUpgrade(PasswordHasher.hash("U*U"))).isFalse();
  }
}
