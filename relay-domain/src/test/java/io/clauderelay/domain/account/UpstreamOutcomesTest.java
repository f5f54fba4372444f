package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.failure.FailureKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamOutcomesTest {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final String OPUS = "claude-opus-4-1-20250805";

  static UpstreamOutcome console(int status, Map<String, String> headers) {
    return UpstreamOutcomes.of(new UpstreamAnswer(status, headers, "", false, false, false, OPUS), NOW);
  }

  static UpstreamOutcome subscription(int status, String message, boolean refreshed, Map<String, String> headers) {
    return UpstreamOutcomes.of(new UpstreamAnswer(status, headers, message, true, refreshed, false, OPUS), NOW);
  }

  @Test
  void successAndTheRequestsOwnFaultsAreNotTheAccounts() {
    assertThat(console(200, Map.of())).isInstanceOf(UpstreamOutcome.Served.class);
    for (int s : new int[]{400, 404, 413, 422})
      assertThat(console(s, Map.of())).isInstanceOf(UpstreamOutcome.PassBack.class);
    assertThat(console(407, Map.of())).as("407 without a proxy").isInstanceOf(UpstreamOutcome.PassBack.class);
  }

  @Test
  void awsExceptionsWhoseStatusMisleadsAreClassifiedByTheirName() {
    String suffix = ":http://internal.amazon.com/coral/com.amazon.bedrock/";
    assertThat(console(400, Map.of("x-amzn-errortype", "ServiceQuotaExceededException" + suffix)))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.RATE_LIMITED, Optional.empty()));
    assertThat(console(408, Map.of("x-amzn-errortype", "ModelTimeoutException")))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.TIMEOUT, Optional.empty()));
    assertThat(console(400, Map.of("x-amzn-errortype", "ValidationException" + suffix)))
        .isInstanceOf(UpstreamOutcome.PassBack.class);
    assertThat(console(429, Map.of("x-amzn-errortype", "ThrottlingException" + suffix)))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.RATE_LIMITED, Optional.empty()));
  }

  @Test
  void eachFailureStatusCoolsTheAccountDownByItsClass() {
    Map<Integer, UpstreamFailureClass> expected = Map.of(401, UpstreamFailureClass.AUTH, 403, UpstreamFailureClass.AUTH,
        429, UpstreamFailureClass.RATE_LIMITED, 500, UpstreamFailureClass.SERVER_ERROR,
        503, UpstreamFailureClass.SERVICE_UNAVAILABLE, 504, UpstreamFailureClass.TIMEOUT, 529,
        UpstreamFailureClass.OVERLOADED);
    expected.forEach((status, cls) -> assertThat(console(status, Map.of()))
        .isEqualTo(new UpstreamOutcome.CoolDown(cls, Optional.empty())));
  }

  @Test
  void a429CarriesTheUpstreamsResetTime() {
    assertThat(console(429, Map.of("retry-after", "120")))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.RATE_LIMITED, Optional.of(NOW.plusSeconds(120))));
  }

  @Test
  void aProxyRefusingTheRelayMakesTheAccountUnreachable() {
    assertThat(UpstreamOutcomes.of(new UpstreamAnswer(407, Map.of(), "", false, false, true, OPUS), NOW))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.UNREACHABLE, Optional.empty()));
    assertThat(UpstreamOutcomes.noAnswer(true).failure()).isEqualTo(UpstreamFailureClass.TIMEOUT);
    assertThat(UpstreamOutcomes.noAnswer(false).failure()).isEqualTo(UpstreamFailureClass.UNREACHABLE);
  }

  @Test
  void aSubscriptionRefreshesOnceThenBlocksPassesBackExtraUsageAndCoolsOnlyTheFamily() {
    assertThat(subscription(401, "", false, Map.of())).isInstanceOf(UpstreamOutcome.RefreshToken.class);
    assertThat(subscription(401, "", true, Map.of()))
        .isEqualTo(new UpstreamOutcome.CoolDown(UpstreamFailureClass.AUTH, Optional.empty()));
    assertThat(subscription(403, "This organization has been disabled.", false, Map.of()))
        .isEqualTo(new UpstreamOutcome.Blocked("This organization has been disabled."));
    assertThat(subscription(429, "Extra usage is required for long context requests.", false, Map.of()))
        .isInstanceOf(UpstreamOutcome.PassBack.class);
    assertThat(subscription(429, "", false, Map.of("anthropic-ratelimit-unified-7d-status", "rejected",
        "anthropic-ratelimit-unified-7d-reset", Long.toString(NOW.plusSeconds(3600).getEpochSecond()))))
        .isEqualTo(new UpstreamOutcome.CoolDownFamily("opus", Optional.of(NOW.plusSeconds(3600))));
  }

  @Test
  void theClientIsToldTheFailureOfTheStatusThroughOneTable() {
    assertThat(UpstreamFailureClass.failureKindOf(401)).isEqualTo(FailureKind.PROVIDER_AUTH);
    assertThat(UpstreamFailureClass.failureKindOf(429)).isEqualTo(FailureKind.PROVIDER_RATE_LIMITED);
    assertThat(UpstreamFailureClass.failureKindOf(529)).isEqualTo(FailureKind.PROVIDER_OVERLOADED);
    assertThat(UpstreamFailureClass.failureKindOf(504)).isEqualTo(FailureKind.PROVIDER_TIMEOUT);
    assertThat(UpstreamFailureClass.failureKindOf(500)).isEqualTo(FailureKind.PROVIDER_SERVER_ERROR);
    assertThat(UpstreamFailureClass.failureKindOf(400)).isEqualTo(FailureKind.CALLER_BAD_REQUEST);
  }
}
