package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeBedrockServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/bedrock-accounts} as the console uses it: CRS's fields in, the region, default model,
 * endpoint and credential type out (never a secret), updates that keep what they do not name, the
 * account test as the smallest real InvokeModel, and 400s naming the field.
 */
class BedrockAccountAdminEndToEndTest {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private FakeBedrockServer fake;
  private RelayNode relay;

  @BeforeEach
  void start() {
    fake = new FakeBedrockServer("eu-west-1").withAccessKey("AKIAIOSFODNN7EXAMPLE", SECRET);
    relay = new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
  }

  private JsonNode data(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data");
  }

  private String create() {
    return data(relay.admin("POST", "/admin/bedrock-accounts", "{\"name\":\"bedrock-eu\",\"description\":\"prod\","
        + "\"region\":\"eu-west-1\",\"endpointUrl\":\"" + fake.baseUrl() + "\",\"defaultModel\":"
        + "\"eu.anthropic.claude-haiku-4-5-20251001-v1:0\",\"priority\":7,\"awsCredentials\":{\"accessKeyId\":"
        + "\"AKIAIOSFODNN7EXAMPLE\",\"secretAccessKey\":\"" + SECRET + "\",\"sessionToken\":\"\"}}")).path("id")
        .asText();
  }

  @Test
  void anAccountIsCreatedListedAndReadWithItsSettingsButNeverItsSecret() {
    String id = create();

    JsonNode listed = data(relay.admin("GET", "/admin/bedrock-accounts", null));
    assertThat(listed).hasSize(1);
    JsonNode a = listed.get(0);
    assertThat(a.path("id").asText()).isEqualTo(id);
    assertThat(a.path("platform").asText()).isEqualTo("bedrock");
    assertThat(a.path("region").asText()).isEqualTo("eu-west-1");
    assertThat(a.path("endpointUrl").asText()).isEqualTo(fake.baseUrl());
    assertThat(a.path("defaultModel").asText()).isEqualTo("eu.anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(a.path("credentialType").asText()).isEqualTo("access_key");
    assertThat(a.path("awsCredentials").path("accessKeyId").asText()).isEqualTo("AKIA****MPLE");
    assertThat(a.path("priority").asInt()).isEqualTo(7);
    String everything = relay.admin("GET", "/admin/bedrock-accounts/" + id, null).body()
        + relay.admin("GET", "/admin/bedrock-accounts", null).body();
    assertThat(everything).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    // Only Bedrock accounts are listed there, and a Bedrock account is not another type's.
    assertThat(relay.admin("GET", "/admin/claude-console-accounts/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theAccountTestSendsTheSmallestRealInvokeModelWithTheAccountsKeys() {
    String id = create();

    JsonNode result = data(relay.admin("POST", "/admin/bedrock-accounts/" + id + "/test", "{}"));

    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("text").asText()).isEqualTo(Behaviour.ok().text());
    assertThat(fake.signatureChecks).containsExactly(true);
    // The account's default model, which it surely has access to.
    assertThat(fake.lastRequest().path()).isEqualTo("/model/eu.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke");
    assertThat(fake.lastRequest().bodyAsJson().getInteger("max_tokens")).isEqualTo(1);

    fake.respondFor("AKIAIOSFODNN7EXAMPLE", Behaviour.status(403));
    JsonNode denied = data(relay.admin("POST", "/admin/bedrock-accounts/" + id + "/test", "{}"));
    assertThat(denied.path("ok").asBoolean()).isFalse();
    assertThat(denied.path("status").asInt()).isEqualTo(403);
    assertThat(denied.path("error").asText()).contains("access to the model");
  }

  @Test
  void anUpdateChangesWhatItNamesAndKeepsTheSecretWhenTheFormLeavesItEmpty() {
    String id = create();

    JsonNode updated = data(relay.admin("PUT", "/admin/bedrock-accounts/" + id,
        "{\"defaultModel\":\"\",\"priority\":3,\"awsCredentials\":{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\","
            + "\"secretAccessKey\":\"\"}}"));
    assertThat(updated.path("priority").asInt()).isEqualTo(3);
    assertThat(updated.path("defaultModel").isNull()).isTrue();
    assertThat(updated.path("endpointUrl").asText()).isEqualTo(fake.baseUrl());
    // The kept secret still signs: the test passes the fake's signature check.
    assertThat(data(relay.admin("POST", "/admin/bedrock-accounts/" + id + "/test", "{}")).path("ok").asBoolean())
        .isTrue();

    JsonNode bearer = data(relay.admin("PUT", "/admin/bedrock-accounts/" + id,
        "{\"bearerToken\":\"bedrock-api-key-xyz\",\"region\":\"us-west-2\",\"endpointUrl\":\"\"}"));
    assertThat(bearer.path("credentialType").asText()).isEqualTo("bearer_token");
    assertThat(bearer.path("region").asText()).isEqualTo("us-west-2");
    assertThat(bearer.path("endpointUrl").asText()).isEqualTo("https://bedrock-runtime.us-west-2.amazonaws.com");
    assertThat(bearer.has("awsCredentials")).isFalse();
    assertThat(bearer.toString()).doesNotContain("bedrock-api-key-xyz");
  }

  @Test
  void wrongInputsAreA400NamingTheField() {
    Map<String, String> cases = Map.of(
        "{\"name\":\"b\",\"awsCredentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\"}}", "region",
        "{\"name\":\"b\",\"region\":\"mars-1\",\"bearerToken\":\"t\"}", "region",
        "{\"name\":\"b\",\"region\":\"us-east-1\"}", "awsCredentials",
        "{\"name\":\"b\",\"region\":\"us-east-1\",\"awsCredentials\":{\"accessKeyId\":\"A\"}}",
        "awsCredentials.secretAccessKey",
        "{\"name\":\"b\",\"region\":\"us-east-1\",\"bearerToken\":\"t\",\"endpointUrl\":\"ftp://x\"}", "endpointUrl",
        "{\"region\":\"us-east-1\",\"bearerToken\":\"t\"}", "name");
    cases.forEach((body, field) -> {
      HttpResponse<String> r = relay.admin("POST", "/admin/bedrock-accounts", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.body()).as(body).contains(field);
    });
    assertThat(data(relay.admin("GET", "/admin/bedrock-accounts", null))).isEmpty();
  }
}
