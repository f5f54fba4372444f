package io.clauderelay.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class VertexPiecesTest {

  @Test
  void theMessagesBodyLosesItsModelAndGainsVertexsVersion() {
    JsonObject sent = new JsonObject(VertexUpstream.messagesBody(Buffer.buffer(
        "{\"model\":\"claude-sonnet-4-5@20250929\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}")));
    assertThat(sent.containsKey("model")).isFalse();
    assertThat(sent.getString("anthropic_version")).isEqualTo("vertex-2023-10-16");
    assertThat(sent.getBoolean("stream")).isTrue();
    assertThat(sent.getInteger("max_tokens")).isEqualTo(5);
  }

  @Test
  void theRegionNamesTheHostAndGlobalHasGooglesGlobalEndpoint() {
    assertThat(new VertexTarget(null, "p", "europe-west1", "t").url("m@1", "rawPredict")).isEqualTo(
        "https://europe-west1-aiplatform.googleapis.com/v1/projects/p/locations/europe-west1/publishers/anthropic/models/m@1:rawPredict");
    assertThat(new VertexTarget(null, "p", "global", "t").baseUrl()).isEqualTo("https://aiplatform.googleapis.com");
    assertThat(new VertexTarget("http://127.0.0.1:9/", "p", null, "t").url("m", "streamRawPredict"))
        .isEqualTo(
            "http://127.0.0.1:9/v1/projects/p/locations/us-east5/publishers/anthropic/models/m:streamRawPredict");
  }

  @Test
  void aKeyFileWithoutItsPrivateKeyIsRefusedNamingWhatIsMissingAndNeverQuotingIt() {
    assertThatThrownBy(() -> ServiceAccountKey.parse("{\"type\":\"service_account\",\"client_email\":\"a@b\"}"))
        .isInstanceOf(ServiceAccountKey.InvalidKeyException.class).hasMessageContaining("private_key");
    assertThatThrownBy(() -> ServiceAccountKey.parse("{\"type\":\"service_account\",\"client_email\":\"a@b\","
        + "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nnot-a-key-SECRETBYTES\\n-----END PRIVATE KEY-----\\n\","
        + "\"private_key_id\":\"1\",\"client_id\":\"2\"}"))
        .isInstanceOf(ServiceAccountKey.InvalidKeyException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETBYTES"));
    assertThatThrownBy(() -> ServiceAccountKey.parse("")).isInstanceOf(ServiceAccountKey.InvalidKeyException.class);
  }

  @Test
  void anthropicsDatedIdsBecomeVertexIdsAndOthersStayAsTheyAre() {
    assertThat(VertexUpstream.vertexModel("claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5@20250929");
    assertThat(VertexUpstream.vertexModel("claude-3-5-haiku-20241022")).isEqualTo("claude-3-5-haiku@20241022");
    assertThat(VertexUpstream.vertexModel("claude-sonnet-4-5@20250929")).isEqualTo("claude-sonnet-4-5@20250929");
    assertThat(VertexUpstream.vertexModel("claude-sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void modelIdsThatWouldChangeThePathAreRefused() {
    assertThat(VertexUpstream.MODEL.matcher("claude-opus-4-1@20250805").matches()).isTrue();
    assertThat(VertexUpstream.MODEL.matcher("../../x").matches()).isFalse();
    assertThat(VertexUpstream.MODEL.matcher("a:b").matches()).isFalse();
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(new VertexTarget(null, "p", "r", "ya29.secret").toString()).doesNotContain("ya29");
  }
}
