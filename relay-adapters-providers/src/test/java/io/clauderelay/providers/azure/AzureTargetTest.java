package io.clauderelay.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class AzureTargetTest {

  @Test
  void theEndpointIsTakenWithOrWithoutATrailingSlashOrOpenaiAndTheVersionIsQueryEncoded() {
    for (String endpoint : new String[]{"https://r.openai.azure.com", "https://r.openai.azure.com/",
        "https://r.openai.azure.com/openai", "https://r.openai.azure.com/openai/"}) {
      AzureTarget t = new AzureTarget(endpoint, "gpt4o", "2025-04-01-preview", "k");
      assertThat(t.chatUrl())
          .isEqualTo(
              "https://r.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2025-04-01-preview");
      assertThat(t.responsesUrl())
          .isEqualTo("https://r.openai.azure.com/openai/responses?api-version=2025-04-01-preview");
    }
  }

  @Test
  void noVersionMeansTheDefaultThatServesResponses() {
    assertThat(new AzureTarget("https://r", "d", " ", "k").apiVersion()).isEqualTo(AzureTarget.DEFAULT_API_VERSION);
  }

  @Test
  void deploymentNamesThatWouldChangeThePathAreNotNames() {
    assertThat(AzureTarget.DEPLOYMENT.matcher("gpt-4o_mini.2").matches()).isTrue();
    assertThat(AzureTarget.DEPLOYMENT.matcher("../x").matches()).isFalse();
    assertThat(AzureTarget.DEPLOYMENT.matcher("a/b").matches()).isFalse();
    assertThat(AzureTarget.API_VERSION.matcher("2024-10-21&x=y").matches()).isFalse();
  }

  @Test
  void aResponsesBodyNamesTheDeploymentAsItsModelAndAnythingElseGoesUnchanged() {
    assertThat(AzureOpenAiUpstream.withModel(Buffer.buffer("{\"model\":\"gpt-4o\",\"input\":\"Hi\"}"), "prod")
        .toString()).isEqualTo("{\"model\":\"prod\",\"input\":\"Hi\"}");
    assertThat(AzureOpenAiUpstream.withModel(Buffer.buffer("[1]"), "prod").toString()).isEqualTo("[1]");
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(new AzureTarget("https://r", "d", null, "azure-secret").toString()).doesNotContain("azure-secret");
  }
}
