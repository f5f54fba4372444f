package io.clauderelay.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import io.clauderelay.server.fake.FakePriceFileServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PRICING_URL} through a real relay: fetched at start and used to price requests, refreshed
 * on {@code POST /admin/models/pricing/refresh} (answering what changed), a bad file keeps the last
 * good catalog, and {@code GET /admin/models/pricing} shows where the catalog came from and its age.
 */
class PricingUrlEndToEndTest {
  static final String SONNET = "claude-sonnet-4-5-20250929";
  static final String BODY = ClaudeRelayEndToEndTest.BODY;
  static final String HAIKU = "\"claude-haiku-4-5\":{\"input_cost_per_token\":1e-6,\"output_cost_per_token\":5e-6}";

  FakePriceFileServer prices;
  FakeAnthropicServer fake;
  RelayNode relay;
  String key;

  @BeforeEach
  void start() throws InterruptedException {
    prices = new FakePriceFileServer();
    // 1,000 × $10/M + 1,000 × $100/M = $0.11 (the bundled catalog says $0.018 for Sonnet 4.5).
    prices.serve(FakePriceFileServer.file(SONNET, "0.00001", "0.0001"));
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(1000, 1000, 0, 0, 0));
    relay = new RelayNode(Map.of("PRICING_URL", prices.url()));
    relay.createAccount("a", fake.baseUrl(), "sk-ant-a", 1, null);
    key = relay.createKey("{\"name\":\"alice\"}");
    ClaudeRelayEndToEndTest.awaitUntil(() -> prices.url().equals(catalog().path("source").asText()));
  }

  @AfterEach
  void stop() {
    relay.close();
    fake.close();
    prices.close();
  }

  JsonNode catalog() {
    return RelayNode.json(relay.admin("GET", "/admin/models/pricing", null).body());
  }

  String costAfterOneRequest() throws InterruptedException {
    long before = relay.totals(key).path("requests").asLong();
    assertThat(relay.post("/api/v1/messages", key, BODY).statusCode()).isEqualTo(200);
    ClaudeRelayEndToEndTest.awaitUntil(() -> relay.totals(key).path("requests").asLong() == before + 1);
    return relay.usage(key).path("usage").path("total").path("cost").decimalValue().toPlainString();
  }

  @Test
  void theFetchedFilePricesRequestsAndTheCatalogShowsItsSourceAndAge() throws InterruptedException {
    JsonNode c = catalog();
    assertThat(c.path("success").asBoolean()).isTrue();
    assertThat(c.path("modelCount").asInt()).isEqualTo(1);
    assertThat(c.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(c.path("loadedAt").asText()).isNotEmpty();
    assertThat(c.path("refreshMinutes").asInt()).isEqualTo(60);
    assertThat(c.path("data").path(SONNET).path("input_cost_per_token").decimalValue()).isEqualByComparingTo("0.00001");
    assertThat(prices.fetches()).isEqualTo(1);

    assertThat(costAfterOneRequest()).isEqualTo("0.11");
  }

  @Test
  void aRefreshFetchesNowAndAnswersWhatChanged() throws InterruptedException {
    prices.serve(FakePriceFileServer.file(SONNET, "0.00002", "0.0001", HAIKU));

    HttpResponse<String> r = relay.admin("POST", "/admin/models/pricing/refresh", "{}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode data = RelayNode.json(r.body()).path("data");
    assertThat(data.path("modelCount").asInt()).isEqualTo(2);
    assertThat(data.path("added").toString()).isEqualTo("[\"claude-haiku-4-5\"]");
    assertThat(data.path("changed").toString()).isEqualTo("[\"" + SONNET + "\"]");
    assertThat(data.path("removed").size()).isZero();
    assertThat(prices.fetches()).isEqualTo(2);
    // 1,000 × $20/M + 1,000 × $100/M = $0.12.
    assertThat(costAfterOneRequest()).isEqualTo("0.12");
  }

  @Test
  void aBadFileIsRefusedAndTheLastGoodCatalogStays() throws InterruptedException {
    prices.fail(200, "<html>rate limited</html>");

    HttpResponse<String> r = relay.admin("POST", "/admin/models/pricing/refresh", "{}");

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(RelayNode.json(r.body()).path("message").asText() + r.body()).contains("Price file not used");
    JsonNode c = catalog();
    assertThat(c.path("source").asText()).isEqualTo(prices.url());
    assertThat(c.path("lastError").asText()).isNotBlank();
    assertThat(costAfterOneRequest()).isEqualTo("0.11");

    prices.close();
    assertThat(relay.admin("POST", "/admin/models/pricing/refresh", "{}").statusCode()).as("unreachable")
        .isEqualTo(502);
    assertThat(catalog().path("modelCount").asInt()).isEqualTo(1);
  }

  @Test
  void withoutPricingUrlTheCatalogIsTheBundledOneAndARefreshSaysWhy() {
    try (RelayNode plain = new RelayNode()) {
      JsonNode c = RelayNode.json(plain.admin("GET", "/admin/models/pricing", null).body());
      assertThat(c.path("source").asText()).isEqualTo("bundled");
      assertThat(c.path("modelCount").asInt()).isGreaterThan(10);
      HttpResponse<String> r = plain.admin("POST", "/admin/models/pricing/refresh", "{}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("PRICING_URL is not set");
    }
  }
}
