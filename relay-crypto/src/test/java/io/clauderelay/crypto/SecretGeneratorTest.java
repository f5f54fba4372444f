package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

  @Test
  void encryptionKeyIs32RandomBytesInStandardBase64() {
    String key = SecretGenerator.encryptionKeyBase64();
    assertThat(key).hasSize(44);
    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    assertThat(SecretGenerator.encryptionKeyBase64()).isNotEqualTo(key);
  }

  @Test
  void generatedEncryptionKeyIsAcceptedByTheParser() {
    EncryptionKey.parse(SecretGenerator.encryptionKeyBase64());
  }

  @Test
  void jwtSecretIs48RandomBytesInUnpaddedBase64Url() {
    String secret = SecretGenerator.jwtSecret();
    assertThat(secret).hasSize(64).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(48);
    assertThat(SecretGenerator.jwtSecret()).isNotEqualTo(secret);
  }

  @Test
  void generatedJwtSecretIsLongEnoughForTheJwtService() {
    new JwtService(SecretGenerator.jwtSecret(), Clock.systemUTC());
  }
}
