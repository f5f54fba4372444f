package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionIdentityTest {
  static final String HEX64 = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
  static final String UUID = "3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b";

  static SessionFacts userId(String v) {
    return new SessionFacts(v, "header-session", "body-session", "system", "hello");
  }

  @Test
  void theOldUserIdFormatGivesItsSessionUuid() {
    assertThat(SessionIdentity.of(userId("user_" + HEX64 + "_account_acc-1_session_" + UUID))).contains(UUID);
    assertThat(SessionIdentity.of(userId("user_" + HEX64 + "_account__session_" + UUID))).contains(UUID);
  }

  @Test
  void theNewJsonUserIdFormatGivesItsSessionIdToleratingWhitespace() {
    String json = "{\"device_id\":\"" + HEX64 + "\", \"account_uuid\":\"x\", \"session_id\" :  \"" + UUID + "\"}";
    assertThat(SessionIdentity.of(userId(json))).contains(UUID);
  }

  @Test
  void aUserIdWithoutASessionPartFallsThroughToTheHeader() {
    assertThat(SessionIdentity.of(userId("user_not_claude_code"))).contains("header-session");
    assertThat(SessionIdentity.of(userId("{\"session_id\":\"\"}"))).contains("header-session");
    assertThat(SessionIdentity.of(userId("user_" + HEX64 + "_account_x_session_not-a-uuid")))
        .contains("header-session");
  }

  @Test
  void withoutUserIdTheHeaderComesBeforeTheBodyField() {
    assertThat(SessionIdentity.of(new SessionFacts(null, "h-1", "b-1", "sys", "hi"))).contains("h-1");
    assertThat(SessionIdentity.of(new SessionFacts("", " ", "b-1", "sys", "hi"))).contains("b-1");
  }

  @Test
  void otherwiseTheStablePrefixIsHashed() {
    // printf 'You are helpful.\nHello' | sha256sum | cut -c1-32
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, "You are helpful.", "Hello")))
        .contains("1e15dd727baeb99534c25aa243991e85");
  }

  @Test
  void theHashDependsOnSystemAndFirstUserMessageOnly() {
    String a = SessionIdentity.of(new SessionFacts(null, null, null, "sys", "first")).orElseThrow();
    assertThat(a).hasSize(32).matches("[0-9a-f]{32}");
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, "sys", "first"))).contains(a);
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, "sys", "other first")).orElseThrow())
        .isNotEqualTo(a);
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, "other sys", "first")).orElseThrow())
        .isNotEqualTo(a);
  }

  @Test
  void onlyTheSystemOrOnlyTheFirstMessageStillIdentifiesTheSession() {
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, "sys only", null))).isPresent();
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, null, "first only"))).isPresent();
  }

  @Test
  void nothingToGoOnGivesNoSession() {
    assertThat(SessionIdentity.of(new SessionFacts(null, null, null, null, null))).isEmpty();
    assertThat(SessionIdentity.of(new SessionFacts("", "", "", "", ""))).isEmpty();
  }
}
