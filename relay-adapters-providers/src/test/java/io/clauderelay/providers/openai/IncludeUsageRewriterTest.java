package io.clauderelay.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class IncludeUsageRewriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Test
  void aStreamingRequestWithoutStreamOptionsGetsIncludeUsageAndSaysSo() throws Exception {
    ObjectNode request = json(
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    String before = request.toString();
    IncludeUsageRewriter.Result r = IncludeUsageRewriter.rewrite(request);
    assertThat(r.added()).isTrue();
    assertThat(r.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(r.body().get("messages")).isEqualTo(request.get("messages"));
    assertThat(request.toString()).as("the client's tree is untouched").isEqualTo(before);
  }

  @Test
  void otherStreamOptionsAreKept() throws Exception {
    IncludeUsageRewriter.Result r = IncludeUsageRewriter.rewrite(
        json("{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}"));
    assertThat(r.added()).isTrue();
    assertThat(r.body().get("stream_options"))
        .isEqualTo(json("{\"include_obfuscation\":false,\"include_usage\":true}"));
  }

  @Test
  void anExplicitFalseIsTurnedOnAndCountsAsAdded() throws Exception {
    IncludeUsageRewriter.Result r = IncludeUsageRewriter
        .rewrite(json("{\"stream\":true,\"stream_options\":{\"include_usage\":false}}"));
    assertThat(r.added()).isTrue();
    assertThat(r.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void aClientThatAskedForUsageIsLeftAlone() throws Exception {
    ObjectNode request = json("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    IncludeUsageRewriter.Result r = IncludeUsageRewriter.rewrite(request);
    assertThat(r.added()).isFalse();
    assertThat(r.body()).isSameAs(request);
  }

  @Test
  void aNonStreamingRequestIsLeftAlone() throws Exception {
    ObjectNode request = json("{\"model\":\"gpt-4o\",\"messages\":[]}");
    IncludeUsageRewriter.Result r = IncludeUsageRewriter.rewrite(request);
    assertThat(r.added()).isFalse();
    assertThat(r.body()).isSameAs(request);
    assertThat(r.body().has("stream_options")).isFalse();
  }
}
