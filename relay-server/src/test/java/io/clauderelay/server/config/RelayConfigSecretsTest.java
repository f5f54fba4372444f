package io.clauderelay.server.config;

import static io.clauderelay.server.config.ConfigFixtures.JWT;
import static io.clauderelay.server.config.ConfigFixtures.KEY_B64;
import static io.clauderelay.server.config.ConfigFixtures.KEY_HEX;
import static io.clauderelay.server.config.ConfigFixtures.REDIS_PW;
import static io.clauderelay.server.config.ConfigFixtures.env;
import static io.clauderelay.server.config.ConfigFixtures.production;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayConfigSecretsTest {
  @TempDir
  Path dir;

  @Test
  void productionWithAllSecretsStarts() {
    RelayConfig c = RelayConfig.load(production(), dir);
    assertThat(c.appEnv()).isEqualTo(AppEnv.PRODUCTION);
    assertThat(c.secrets().jwtSecret().reveal()).isEqualTo(JWT);
    assertThat(c.secrets().encryptionKey().reveal()).isEqualTo(KEY_B64);
    assertThat(c.secrets().jwtSecretEphemeral()).isFalse();
    assertThat(c.secrets().encryptionKeyEphemeral()).isFalse();
  }

  @Test
  void productionRefusesToStartWithoutJwtSecret() {
    Map<String, String> env = production();
    env.remove("JWT_SECRET");
    assertThatThrownBy(() -> RelayConfig.load(env, dir)).isInstanceOf(ConfigException.class)
        .hasMessage("JWT_SECRET must be set in production, e.g. JWT_SECRET=<output of openssl rand -base64 48>");
  }

  @Test
  void productionRefusesToStartWithoutEncryptionKey() {
    Map<String, String> env = production("APP_ENV", "production");
    env.remove("ENCRYPTION_KEY");
    env.remove("NODE_ENV");
    assertThatThrownBy(() -> RelayConfig.load(env, dir)).isInstanceOf(ConfigException.class)
        .hasMessage(
            "ENCRYPTION_KEY must be set in production, e.g. ENCRYPTION_KEY=<output of openssl rand -base64 32>");
  }

  @Test
  void productionWithRedisRefusesToStartWithoutRedisPassword() {
    assertThatThrownBy(() -> RelayConfig.load(production("REDIS_HOST", "10.0.0.2"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "REDIS_PASSWORD must be set in production when Redis is used, e.g. REDIS_PASSWORD=<the requirepass of your Redis>");
  }

  @Test
  void productionWithTheEmbeddedStoreNeedsNoRedisPassword() {
    assertThat(RelayConfig.load(production(), dir).store().mode()).isEqualTo(StoreMode.EMBEDDED);
  }

  @Test
  void developmentWithoutSecretsGeneratesEphemeralOnesAndWarns() {
    RelayConfig c = RelayConfig.load(Map.of(), dir);
    assertThat(c.secrets().jwtSecretEphemeral()).isTrue();
    assertThat(c.secrets().encryptionKeyEphemeral()).isTrue();
    assertThat(c.secrets().jwtSecret().length()).isGreaterThanOrEqualTo(SecretsConfig.JWT_SECRET_MIN_LENGTH);
    assertThat(Base64.getDecoder().decode(c.secrets().encryptionKey().reveal())).hasSize(32);
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).startsWith(
        "JWT_SECRET not set: using an ephemeral secret; admin sessions end when the relay stops"));
    assertThat(c.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("ENCRYPTION_KEY not set: using an ephemeral key"));
  }

  @Test
  void ephemeralSecretsDifferFromOneStartToTheNext() {
    RelayConfig a = RelayConfig.load(Map.of(), dir, new SecureRandom());
    RelayConfig b = RelayConfig.load(Map.of(), dir, new SecureRandom());
    assertThat(a.secrets().jwtSecret()).isNotEqualTo(b.secrets().jwtSecret());
    assertThat(a.secrets().encryptionKey()).isNotEqualTo(b.secrets().encryptionKey());
  }

  @Test
  void givenSecretsProduceNoWarning() {
    RelayConfig c = RelayConfig.load(env("JWT_SECRET", JWT, "ENCRYPTION_KEY", KEY_HEX), dir);
    assertThat(c.warnings()).noneMatch(w -> w.contains("JWT_SECRET") || w.contains("ENCRYPTION_KEY"));
  }

  @Test
  void aShortJwtSecretIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> RelayConfig.load(env("JWT_SECRET", "tooShortSecret123"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "JWT_SECRET must be at least 32 characters (got 17 characters), e.g. JWT_SECRET=<output of openssl rand -base64 48>");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", // standard base64, 44 chars
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", // unpadded
      "-_-_AwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", // url-safe alphabet
      "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF",
  })
  void encryptionKeyAcceptsBase64AndHexOf32Bytes(String key) {
    assertThat(RelayConfig.load(env("ENCRYPTION_KEY", key), dir).secrets().encryptionKey().reveal()).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "my-32-character-passphrase-12345", // 32 chars of text, not 32 bytes encoded
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd", // base64 of 30 bytes
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeZZ",
  })
  void encryptionKeyOfAnotherShapeIsRefusedWithoutShowingIt(String key) {
    assertThatThrownBy(() -> RelayConfig.load(env("ENCRYPTION_KEY", key), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "ENCRYPTION_KEY must be 32 bytes as base64 (44 characters) or as 64 hex characters (got ")
        .hasMessageEndingWith("e.g. ENCRYPTION_KEY=<output of openssl rand -base64 32>")
        .hasMessageNotContaining(key)
        .hasMessageNotContaining(key.substring(0, 8));
  }

  @Test
  void aShortAdminPasswordIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> RelayConfig.load(env("ADMIN_PASSWORD", "hunter2"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ADMIN_PASSWORD must be at least 8 characters (got 7 characters), e.g. ADMIN_PASSWORD=<a long random password>");
  }

  @Test
  void secretsNeverAppearInTheConfigToString() {
    RelayConfig c = RelayConfig.load(production("REDIS_HOST", "r1", "REDIS_PASSWORD", REDIS_PW,
        "ADMIN_PASSWORD", "admin-pw-9876"), dir);
    String text = c.toString();
    assertThat(text).doesNotContain(JWT).doesNotContain(KEY_B64).doesNotContain(REDIS_PW)
        .doesNotContain("admin-pw-9876")
        .contains("***");
    assertThat(c.secrets().jwtSecret()).hasToString("***");
  }

  @Test
  void ephemeralSecretsNeverAppearInTheConfigToString() {
    RelayConfig c = RelayConfig.load(Map.of(), dir);
    assertThat(c.toString()).doesNotContain(c.secrets().jwtSecret().reveal())
        .doesNotContain(c.secrets().encryptionKey().reveal());
  }
}
