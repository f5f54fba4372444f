package io.clauderelay.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailureResponsesTest {

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void everyKindHasAStatusAndAType(FailureKind kind) {
    assertThat(FailureResponses.mapping(kind)).isNotNull();
    assertThat(FailureResponses.mapping(kind).status()).isBetween(400, 599);
  }

  @ParameterizedTest
  @CsvSource({
      "AUTH_MISSING_KEY, 401, authentication_error",
      "AUTH_KEY_EXPIRED, 401, authentication_error",
      "POLICY_PERMISSION_DENIED, 403, permission_error",
      "POLICY_MODEL_BLOCKED, 403, permission_error",
      "POLICY_CLIENT_NOT_ALLOWED, 403, permission_error",
      "POLICY_CONCURRENCY_LIMIT, 429, rate_limit_error",
      "POLICY_WINDOW_LIMIT, 429, rate_limit_error",
      "POLICY_DAILY_COST_LIMIT, 402, insufficient_quota",
      "POLICY_TOTAL_COST_LIMIT, 402, insufficient_quota",
      "POLICY_WEEKLY_COST_LIMIT, 402, insufficient_quota",
      "CALLER_PAYLOAD_TOO_LARGE, 413, request_too_large",
      "PROVIDER_NO_ACCOUNT, 503, api_error",
      "PROVIDER_AUTH, 502, api_error"})
  void specStatusesAndTypes(FailureKind kind, int status, String type) {
    assertThat(FailureResponses.mapping(kind).status()).isEqualTo(status);
    assertThat(FailureResponses.mapping(kind).type()).isEqualTo(type);
  }

  @Test
  void anthropicShapeCarriesTypeMessageCodeForCostLimitsAndDetailsBeside() {
    Failure f = Failure.of(FailureKind.POLICY_DAILY_COST_LIMIT, "Daily cost limit reached ($1)")
        .withDetail("resetAt", "2026-11-27T00:00:00Z");
    ObjectNode body = FailureResponses.body(ApiFamily.ANTHROPIC, f, 402, "insufficient_quota");
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(body.path("error").path("code").asText()).isEqualTo("daily_cost_limit_exceeded");
    assertThat(body.path("error").path("message").asText()).isEqualTo("Daily cost limit reached ($1)");
    assertThat(body.path("resetAt").asText()).isEqualTo("2026-11-27T00:00:00Z");
  }

  @Test
  void openAiAndGeminiShapes() {
    Failure f = Failure.of(FailureKind.POLICY_MODEL_BLOCKED, "Model x is not allowed for this API key");
    ObjectNode openai = FailureResponses.body(ApiFamily.OPENAI, f, 403, "permission_error");
    assertThat(openai.path("error").path("message").asText()).isEqualTo("Model x is not allowed for this API key");
    assertThat(openai.path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(openai.path("error").path("code").asText()).isEqualTo("model_not_allowed");
    ObjectNode gemini = FailureResponses.body(ApiFamily.GEMINI, f, 403, "permission_error");
    assertThat(gemini.path("error").path("code").asInt()).isEqualTo(403);
    assertThat(gemini.path("error").path("status").asText()).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void familiesFollowTheMountPrefix() {
    assertThat(ApiFamily.ofPath("/api/v1/messages")).isEqualTo(ApiFamily.ANTHROPIC);
    assertThat(ApiFamily.ofPath("/claude/v1/messages")).isEqualTo(ApiFamily.ANTHROPIC);
    assertThat(ApiFamily.ofPath("/openai/claude/v1/chat/completions")).isEqualTo(ApiFamily.OPENAI);
    assertThat(ApiFamily.ofPath("/api/v1/chat/completions")).isEqualTo(ApiFamily.OPENAI);
    assertThat(ApiFamily.ofPath("/gemini/v1beta/models/x:generateContent")).isEqualTo(ApiFamily.GEMINI);
    assertThat(ApiFamily.ofPath("/admin/api-keys")).isEqualTo(ApiFamily.ADMIN);
  }
}
