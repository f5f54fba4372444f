package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every account type has the same operator actions under its own path, and only its own accounts. */
class AccountActionsForEveryTypeTest {
  RelayNode relay;

  @BeforeEach
  void start() {
    relay = new RelayNode();
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void anOpenAiAccountCanBeReadDisabledResetAndDeletedUnderItsOwnPathOnly() {
    HttpResponse<String> created = relay.admin("POST", "/admin/openai-responses-accounts",
        "{\"name\":\"oa\",\"baseApi\":\"https://api.openai.com\",\"apiKey\":\"sk-openai-secret\",\"priority\":5}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = RelayNode.json(created.body()).path("data").path("id").asText();
    String path = "/admin/openai-responses-accounts/" + id;

    assertThat(RelayNode.json(relay.admin("GET", path, null).body()).path("data").path("name").asText())
        .isEqualTo("oa");
    JsonNode toggled = RelayNode.json(relay.admin("PUT", path + "/toggle", "{}").body()).path("data");
    assertThat(toggled.path("isActive").asBoolean()).isFalse();
    assertThat(relay.admin("POST", path + "/reset-status", "{}").statusCode()).isEqualTo(200);
    assertThat(relay.admin("GET", path, null).body()).doesNotContain("sk-openai-secret");
    // The same id under another type's path is not found: each path speaks for its own type.
    assertThat(relay.admin("GET", "/admin/claude-console-accounts/" + id, null).statusCode()).isEqualTo(404);
    assertThat(relay.admin("DELETE", path, null).statusCode()).isEqualTo(200);
    assertThat(relay.admin("GET", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aGeminiAccountCanBeMadeUnschedulable() {
    String id = RelayNode.json(relay.admin("POST", "/admin/gemini-api-accounts",
        "{\"name\":\"g\",\"baseUrl\":\"https://generativelanguage.googleapis.com\",\"apiKey\":\"AIza-secret\"}").body())
        .path("data").path("id").asText();
    JsonNode toggled = RelayNode
        .json(relay.admin("PUT", "/admin/gemini-api-accounts/" + id + "/toggle-schedulable", "{}")
            .body())
        .path("data");
    assertThat(toggled.path("schedulable").asBoolean()).isFalse();
  }

  @Test
  void anUpdateTakesTheBaseUrlUnderTheTypesOwnFieldName() {
    String id = RelayNode.json(relay.admin("POST", "/admin/gemini-api-accounts",
        "{\"name\":\"g\",\"apiKey\":\"AIza-secret\"}").body()).path("data").path("id").asText();
    JsonNode updated = RelayNode.json(relay.admin("PUT", "/admin/gemini-api-accounts/" + id,
        "{\"baseUrl\":\"http://127.0.0.1:9/gemini\",\"priority\":9}").body()).path("data");
    assertThat(updated.path("baseUrl").asText()).isEqualTo("http://127.0.0.1:9/gemini");
    assertThat(updated.path("priority").asInt()).isEqualTo(9);
    String oa = RelayNode.json(relay.admin("POST", "/admin/openai-responses-accounts",
        "{\"name\":\"oa\",\"apiKey\":\"sk-openai\"}").body()).path("data").path("id").asText();
    assertThat(RelayNode.json(relay.admin("PUT", "/admin/openai-responses-accounts/" + oa,
        "{\"baseApi\":\"http://127.0.0.1:9/openai\"}").body()).path("data").path("baseApi").asText())
        .isEqualTo("http://127.0.0.1:9/openai");
  }

  /** Create, update and the subscription route share one accountType check: each names the field. */
  @Test
  void anUnknownAccountTypeIsA400NamingTheFieldOnEveryRoute() {
    String body = "{\"name\":\"g\",\"apiKey\":\"AIza-secret\",\"accountType\":\"everyone\"}";
    var created = relay.admin("POST", "/admin/gemini-api-accounts", body);
    assertThat(created.statusCode()).isEqualTo(400);
    assertThat(created.body()).contains("accountType");

    String id = RelayNode.json(relay.admin("POST", "/admin/gemini-api-accounts",
        "{\"name\":\"g\",\"apiKey\":\"AIza-secret\",\"accountType\":\"dedicated\"}").body()).path("data").path("id")
        .asText();
    var updated = relay.admin("PUT", "/admin/gemini-api-accounts/" + id, "{\"accountType\":\"everyone\"}");
    assertThat(updated.statusCode()).isEqualTo(400);
    assertThat(updated.body()).contains("accountType");

    var oauth = relay.admin("POST", "/admin/claude-accounts",
        "{\"name\":\"sub\",\"refreshToken\":\"rt-x\",\"accountType\":\"everyone\"}");
    assertThat(oauth.statusCode()).isEqualTo(400);
    assertThat(oauth.body()).contains("accountType");
  }
}
