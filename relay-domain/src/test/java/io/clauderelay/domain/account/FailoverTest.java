package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailoverTest {
  static final UpstreamError E503 = new UpstreamError(503, "api_error", "down");
  static final UpstreamError E529 = new UpstreamError(529, "overloaded_error", "busy");

  @Test
  void twoRetriesMeanThreeAccountsAtMostThenTheLastErrorIsTheAnswer() {
    Failover f = new Failover(Scheduler.MAX_FAILOVER_RETRIES, null);
    f.calling("a");
    assertThat(f.failed(E503)).isTrue();
    f.calling("b");
    assertThat(f.failed(E503)).isTrue();
    f.calling("c");
    assertThat(f.failed(E529)).as("retries used up").isFalse();

    assertThat(f.state()).isEqualTo(Failover.State.FAILED);
    assertThat(f.excluded()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(f.lastError()).isEqualTo(E529);
    assertThat(f.accountsTried()).isEqualTo(3);
  }

  @Test
  void aFullOrTokenlessAccountIsSkippedWithoutCountingAnAttempt() {
    Failover f = new Failover(1, null);
    f.unavailable("full");
    f.calling("tokenless");
    f.skipped();
    f.calling("b");
    assertThat(f.failed(E503)).isTrue();
    f.calling("c");
    f.served();

    assertThat(f.state()).isEqualTo(Failover.State.SERVED);
    assertThat(f.excluded()).containsExactlyInAnyOrder("full", "tokenless", "b");
    assertThat(f.accountsTried()).isEqualTo(2);
  }

  @Test
  void theStickyAccountFailingIsRememberedSoTheBindingIsForgotten() {
    Failover f = new Failover(2, "s");
    f.calling("s");
    f.failed(E503);
    f.calling("b");
    f.served();
    assertThat(f.stickyFailed()).isTrue();

    Failover other = new Failover(2, "s");
    other.calling("s");
    other.served();
    assertThat(other.stickyFailed()).isFalse();
  }

  @Test
  void thePassedBackErrorEndsTheRequestAndNoAccountLeftIsExhausted() {
    Failover f = new Failover(2, null);
    f.calling("a");
    f.passedBack(new UpstreamError(400, "invalid_request_error", "bad"));
    assertThat(f.state()).isEqualTo(Failover.State.FAILED);
    assertThat(f.retried()).isFalse();

    Failover none = new Failover(2, null);
    none.exhausted();
    assertThat(none.state()).isEqualTo(Failover.State.FAILED);
    assertThat(none.lastError()).isNull();
  }

  @Test
  void aStepOutOfOrderIsABug() {
    Failover f = new Failover(2, null);
    assertThatThrownBy(f::served).isInstanceOf(IllegalStateException.class);
    f.calling("a");
    assertThatThrownBy(() -> f.calling("b")).isInstanceOf(IllegalStateException.class);
  }
}
