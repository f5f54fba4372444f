package io.clauderelay.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactTest {

  @Test
  void keyPrefixShowsSixCharactersAndAnEllipsis() {
    assertThat(Redact.keyPrefix("cr_0123456789abcdef")).isEqualTo("cr_012…");
  }

  @Test
  void keyPrefixHidesShortValuesEntirely() {
    assertThat(Redact.keyPrefix("cr_012345")).isEqualTo("***");
    assertThat(Redact.keyPrefix("")).isEqualTo("***");
    assertThat(Redact.keyPrefix(null)).isEqualTo("***");
  }

  @Test
  void keyPrefixOfExactlyTenCharactersShowsSix() {
    assertThat(Redact.keyPrefix("0123456789")).isEqualTo("012345…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "newPassword", "apiKey", "api_key", "x-api-key", "refreshToken", "access_token",
      "Authorization", "cookie", "clientSecret", "credentials", "privateKey"})
  void secretSoundingNamesAreSensitive(String name) {
    assertThat(Redact.isSensitiveName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"keyId", "apiKeyId", "apiKeyName", "tokenType", "token_count", "apiKeyPrefix", "ip", "model",
      "actor", "inputTokens", "tokenLimit", "apiKeyValid"})
  void namesThatOnlyPointAtASecretAreNot(String name) {
    assertThat(Redact.isSensitiveName(name)).as(name).isEqualTo(name.equals("apiKeyValid"));
  }

  @Test
  void fieldsMasksSensitiveValuesAndKeepsTheRestInOrder() {
    Map<String, Object> in = new java.util.LinkedHashMap<>();
    in.put("keyId", "k1");
    in.put("apiKey", "cr_realsecretvalue");
    in.put("password", null);
    in.put("limit", 5);
    assertThat(Redact.fields(in)).containsExactly(
        Map.entry("keyId", "k1"), Map.entry("apiKey", "***"), new HashMap.SimpleEntry<>("password", null),
        Map.entry("limit", 5));
  }

  @Test
  void fieldsOfNullIsEmpty() {
    assertThat(Redact.fields(null)).isEmpty();
  }
}
