package io.clauderelay.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.e2e.RelayNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console, the key owners' page and the admin API carry browser protections; the SDK-facing API does not change. */
class SecurityHeadersEndToEndTest {
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
  void consoleStatsPageAndAdminApiSendTheSecurityHeaders() {
    for (HttpResponse<String> r : new HttpResponse[]{relay.get("/admin-next/"), relay.get("/admin-next/app.js"),
        relay.get("/apiStats/"), relay.get("/admin/api-keys"), relay.admin("GET", "/admin/api-keys", null),
        relay.send("POST", "/web/auth/login", Map.of("content-type", "application/json"), "{}")}) {
      String csp = r.headers().firstValue("content-security-policy").orElse("");
      assertThat(csp).as(r.uri().toString()).contains("frame-ancestors 'none'").contains("script-src 'self'")
          .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
      assertThat(r.headers().firstValue("referrer-policy")).contains("no-referrer");
      assertThat(r.headers().firstValue("x-frame-options")).contains("DENY");
    }
  }

  @Test
  void thePagesHaveNoInlineScriptOrStyleTheirPolicyWouldBlock() {
    for (String page : new String[]{"/admin-next/", "/apiStats/"}) {
      String html = relay.get(page).body();
      assertThat(html).as(page).doesNotContain("<script>").doesNotContain("<style").doesNotContain(" style=")
          .doesNotContainPattern(" on[a-z]+=");
    }
  }

  @Test
  void theClientApiAndHealthAreUnchanged() {
    for (HttpResponse<String> r : new HttpResponse[]{relay.get("/health"),
        relay.post("/api/v1/messages", "cr_" + "0".repeat(64), "{}")}) {
      assertThat(r.headers().firstValue("content-security-policy")).as(r.uri().toString()).isEmpty();
      assertThat(r.headers().firstValue("x-frame-options")).isEmpty();
    }
  }
}
