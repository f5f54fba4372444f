package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeGeminiServer;
import io.clauderelay.server.fake.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key's {@code openaiAccountId} and {@code geminiAccountId}: its traffic goes to that account, not the pool's first. */
class VendorBindingsEndToEndTest {
  RelayNode relay;
  FakeOpenAiServer openAi;
  FakeGeminiServer gemini;

  @AfterEach
  void stop() {
    if (relay != null) relay.close();
    if (openAi != null) openAi.close();
    if (gemini != null) gemini.close();
  }

  @Test
  void anOpenAiBindingSendsTheKeysRequestsToThatAccount() {
    openAi = new FakeOpenAiServer();
    openAi.respondByDefault(Behaviour.ok());
    relay = new RelayNode();
    relay.createOpenAiAccount("first", openAi.baseUrl(), "sk-openai-first", 1);
    String bound = relay.createOpenAiAccount("bound", openAi.baseUrl(), "sk-openai-bound", 90);
    String key = relay.createKey("{\"name\":\"k\",\"openaiAccountId\":\"" + bound + "\"}");

    HttpResponse<String> r = relay.send("POST", "/openai/v1/chat/completions",
        Map.of("content-type", "application/json",
            "authorization", "Bearer " + key),
        OpenAiRelayEndToEndTest.CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(openAi.lastRequest().header("authorization")).isEqualTo("Bearer sk-openai-bound");
  }

  @Test
  void aGeminiBindingSendsTheKeysRequestsToThatAccount() {
    gemini = new FakeGeminiServer();
    gemini.respondByDefault(Behaviour.ok());
    relay = new RelayNode();
    relay.createGeminiAccount("first", gemini.baseUrl(), "AIza-first", 1);
    String bound = relay.createGeminiAccount("bound", gemini.baseUrl(), "AIza-bound", 90);
    String key = relay.createKey("{\"name\":\"k\",\"geminiAccountId\":\"" + bound + "\"}");

    HttpResponse<String> r = relay.send("POST", "/gemini/v1beta/models/gemini-2.5-flash:generateContent",
        Map.of("content-type", "application/json", "x-goog-api-key", key), GeminiRelayEndToEndTest.BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(gemini.lastRequest().header("x-goog-api-key")).isEqualTo("AIza-bound");
  }
}
