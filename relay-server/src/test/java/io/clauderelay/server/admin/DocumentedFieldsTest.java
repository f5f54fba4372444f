package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.crypto.AesGcmCipher;
import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.server.fake.FakeGoogleTokenEndpoint;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.server.SettingsDoc;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/SETTINGS.md lists exactly the key and account fields the admin API reads, each with an
 * existing test of its effect.
 */
class DocumentedFieldsTest {
  /** The fields without an effect test yet: these lists may only shrink. */
  static final Set<String> KNOWN_KEY_GAPS = Set.of();
  static final Set<String> KNOWN_ACCOUNT_GAPS = Set.of();

  static JsonFields body(String json) {
    return JsonFields.parse(Buffer.buffer(json));
  }

  @Test
  void everyKeyFieldHasARowAndEveryRowsTestExists() {
    Set<String> read = new TreeSet<>();
    for (String json : new String[]{"{\"name\":\"k\"}",
        "{\"name\":\"k\",\"expirationMode\":\"activation\",\"activationDays\":1}"}) {
      JsonFields f = body(json);
      ApiKeyJson.apply(f, null, ApiKey.builder("id", "hash"), true);
      read.addAll(f.namesRead());
    }
    List<SettingsDoc.Row> rows = SettingsDoc.section("API key fields");

    assertThat(SettingsDoc.names(rows)).isEqualTo(read);
    SettingsDoc.assertTestsExist(rows);
    assertThat(SettingsDoc.gaps(rows)).isEqualTo(new TreeSet<>(KNOWN_KEY_GAPS));
  }

  @Test
  void everyAccountFieldHasARowAndEveryRowsTestExists() {
    AesGcmCipher cipher = new AesGcmCipher(EncryptionKey.parse("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
    Set<String> read = new TreeSet<>();
    for (AccountType type : new AccountType[]{AccountType.CLAUDE_CONSOLE, AccountType.OPENAI, AccountType.GEMINI}) {
      JsonFields f = body(
          "{\"name\":\"a\",\"apiKey\":\"k\",\"" + AccountJson.urlField(type) + "\":\"https://example.com\"}");
      AccountJson.create(f, type, "id", cipher, Instant.now());
      read.addAll(f.namesRead());
    }
    try (FakeGoogleTokenEndpoint google = new FakeGoogleTokenEndpoint()) {
      for (String json : new String[]{
          "{\"name\":\"a\",\"apiKey\":\"k\",\"azureEndpoint\":\"https://r.openai.azure.com\",\"deploymentName\":\"d\"}",
          JsonFields.JSON.createObjectNode().put("name", "v")
              .put("serviceAccountJson", google.newKeyFile("sa@p.iam.gserviceaccount.com", "p")).toString()}) {
        JsonFields f = body(json);
        AccountJson.create(f, json.contains("azureEndpoint") ? AccountType.AZURE_OPENAI : AccountType.VERTEX, "id",
            cipher, Instant.now());
        read.addAll(f.namesRead());
      }
    }
    JsonFields bedrock = body("{\"name\":\"b\",\"region\":\"us-east-1\",\"bearerToken\":\"t\"}");
    BedrockAccountJson.create(bedrock, "id", cipher, Instant.now());
    read.addAll(bedrock.namesRead());
    List<SettingsDoc.Row> rows = SettingsDoc.section("Account fields");

    assertThat(SettingsDoc.names(rows)).isEqualTo(read);
    SettingsDoc.assertTestsExist(rows);
    assertThat(SettingsDoc.gaps(rows)).isEqualTo(new TreeSet<>(KNOWN_ACCOUNT_GAPS));
  }
}
