package io.clauderelay.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The static key policy: usable at all, then permission, client and model, in that order. */
class KeyPolicyTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final String CLAUDE_CODE_UA = "claude-cli/2.1.3 (external, cli)";
  private static final RequestFacts CLAUDE_REQUEST = new RequestFacts(Provider.CLAUDE, "claude-sonnet-4-5",
      CLAUDE_CODE_UA, false);

  private static ApiKey.Builder key() {
    return ApiKey.builder("key-1", "hash-1").createdAt(CREATED).updatedAt(CREATED);
  }

  private static Optional<FailureKind> kindOf(ApiKey key, RequestFacts request, Instant now) {
    return KeyPolicy.check(key, request, now).map(Failure::kind);
  }

  @Test
  void aPlainKeyAdmitsAnything() {
    assertThat(KeyPolicy.check(key().build(), CLAUDE_REQUEST, NOW)).isEmpty();
  }

  @Nested
  class UsableAtAll {
    @Test
    void aDisabledKeyIsRefusedAsDisabled() {
      Failure f = KeyPolicy.check(key().active(false).build(), CLAUDE_REQUEST, NOW).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.AUTH_KEY_DISABLED);
      assertThat(f.message()).isEqualTo("API key is disabled");
    }

    @Test
    void aSoftDeletedKeyIsRefusedAsDisabledEvenIfStillMarkedActive() {
      ApiKey deleted = key().active(true).deletedAt(NOW.minusSeconds(60)).build();

      assertThat(kindOf(deleted, CLAUDE_REQUEST, NOW)).contains(FailureKind.AUTH_KEY_DISABLED);
    }

    @Test
    void aFixedExpiryAdmitsOneSecondBeforeIt() {
      ApiKey k = key().expiry(Expiry.fixed(NOW)).build();

      assertThat(KeyPolicy.check(k, CLAUDE_REQUEST, NOW.minusSeconds(1))).isEmpty();
      assertThat(KeyPolicy.check(k, CLAUDE_REQUEST, NOW.minusMillis(1))).isEmpty();
    }

    @Test
    void aFixedExpiryRefusesExactlyAtItWithTheExpiryInstant() {
      ApiKey k = key().expiry(Expiry.fixed(NOW)).build();

      Failure f = KeyPolicy.check(k, CLAUDE_REQUEST, NOW).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.AUTH_KEY_EXPIRED);
      assertThat(f.message()).isEqualTo("API key has expired");
      assertThat(f.details()).containsEntry("expiredAt", "2026-03-04T10:00:00Z");
      assertThat(kindOf(k, CLAUDE_REQUEST, NOW.plus(Duration.ofDays(400)))).contains(FailureKind.AUTH_KEY_EXPIRED);
    }

    @Test
    void aKeyWithoutExpiryNeverExpires() {
      assertThat(KeyPolicy.check(key().build(), CLAUDE_REQUEST, Instant.parse("2999-12-31T23:59:59Z"))).isEmpty();
    }

    @Test
    void anActivationKeyIsNotExpiredBeforeFirstUseHoweverLongAfterCreation() {
      ApiKey k = key().expiry(Expiry.activation(1, false)).build();

      assertThat(KeyPolicy.check(k, CLAUDE_REQUEST, CREATED.plus(Duration.ofDays(3650)))).isEmpty();
    }
  }

  @Nested
  class Activation {
    @Test
    void firstUseStartsADayClockNow() {
      ApiKey k = key().expiry(Expiry.activation(30, true)).build();

      ApiKey activated = KeyPolicy.activateOnFirstUse(k, NOW).orElseThrow();

      assertThat(activated.expiry().activatedAt()).isEqualTo(NOW);
      assertThat(activated.expiry().expiresAt()).isEqualTo(Instant.parse("2026-04-03T10:00:00Z"));
      assertThat(activated.expiry().mode()).isEqualTo(ExpirationMode.ACTIVATION);
      assertThat(activated.expiry().awaitingActivation()).isFalse();
      assertThat(activated.updatedAt()).isEqualTo(NOW);
      assertThat(activated.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void firstUseStartsAnHourClockNow() {
      ApiKey k = key().expiry(Expiry.activation(5, false)).build();

      ApiKey activated = KeyPolicy.activateOnFirstUse(k, NOW).orElseThrow();

      assertThat(activated.expiry().activatedAt()).isEqualTo(NOW);
      assertThat(activated.expiry().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(5)));
    }

    @Test
    void anActivatedKeyExpiresExactlyAtTheEndOfItsPeriod() {
      ApiKey activated = KeyPolicy.activateOnFirstUse(key().expiry(Expiry.activation(2, false)).build(), NOW)
          .orElseThrow();
      Instant end = NOW.plus(Duration.ofHours(2));

      assertThat(KeyPolicy.check(activated, CLAUDE_REQUEST, end.minusSeconds(1))).isEmpty();
      assertThat(kindOf(activated, CLAUDE_REQUEST, end)).contains(FailureKind.AUTH_KEY_EXPIRED);
    }

    @Test
    void anAlreadyActivatedKeyIsNotActivatedAgain() {
      ApiKey activated = KeyPolicy.activateOnFirstUse(key().expiry(Expiry.activation(1, true)).build(), NOW)
          .orElseThrow();

      assertThat(KeyPolicy.activateOnFirstUse(activated, NOW.plus(Duration.ofHours(3)))).isEmpty();
      assertThat(activated.expiry().activate(NOW.plus(Duration.ofHours(3)))).isEqualTo(activated.expiry());
    }

    @Test
    void fixedAndNeverExpiringKeysHaveNothingToActivate() {
      assertThat(KeyPolicy.activateOnFirstUse(key().build(), NOW)).isEmpty();
      assertThat(KeyPolicy.activateOnFirstUse(key().expiry(Expiry.fixed(NOW.plusSeconds(5))).build(), NOW)).isEmpty();
    }
  }

  @Nested
  class Permissions {
    @Test
    void emptyPermissionsAllowEveryProvider() {
      ApiKey k = key().permissions(Set.of()).build();

      for (Provider p : Provider.values()) {
        assertThat(KeyPolicy.check(k, new RequestFacts(p, null, CLAUDE_CODE_UA, false), NOW)).as(p.id()).isEmpty();
      }
    }

    @Test
    void aGeminiOnlyKeyRefusesClaude() {
      ApiKey k = key().permissions(EnumSet.of(Provider.GEMINI)).build();

      Failure f = KeyPolicy.check(k, CLAUDE_REQUEST, NOW).orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_PERMISSION_DENIED);
      assertThat(f.message()).isEqualTo("This API key does not have permission to access claude");
      assertThat(KeyPolicy.check(k, new RequestFacts(Provider.GEMINI, "gemini-2.5-pro", null, false), NOW)).isEmpty();
    }
  }

  @Nested
  class ClientRestriction {
    private final ApiKey claudeCodeOnly = key().clientRestriction(true, Set.of(ClientKind.CLAUDE_CODE)).build();

    @Test
    void claudeCodeUserAgentIsAllowed() {
      assertThat(KeyPolicy.check(claudeCodeOnly, CLAUDE_REQUEST, NOW)).isEmpty();
    }

    @Test
    void curlIsRefusedAndTheAllowedClientsAreNamed() {
      Failure f = KeyPolicy
          .check(claudeCodeOnly, new RequestFacts(Provider.CLAUDE, "claude-sonnet-4-5", "curl/8", false), NOW)
          .orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_CLIENT_NOT_ALLOWED);
      assertThat(f.message()).isEqualTo("Your client is not authorized to use this API key");
      assertThat(f.details()).containsEntry("allowedClients", List.of("claude_code"));
    }

    @Test
    void aMissingUserAgentIsRefused() {
      assertThat(kindOf(claudeCodeOnly, new RequestFacts(Provider.CLAUDE, null, null, false), NOW))
          .contains(FailureKind.POLICY_CLIENT_NOT_ALLOWED);
    }

    @Test
    void theUserAgentMustStartWithTheClientName() {
      assertThat(
          kindOf(claudeCodeOnly, new RequestFacts(Provider.CLAUDE, null, "mozilla claude-cli/2.1.3", false), NOW))
          .contains(FailureKind.POLICY_CLIENT_NOT_ALLOWED);
      assertThat(kindOf(claudeCodeOnly, new RequestFacts(Provider.CLAUDE, null, "claude-cli/2.1", false), NOW))
          .contains(FailureKind.POLICY_CLIENT_NOT_ALLOWED);
    }

    @Test
    void anyOfSeveralAllowedClientsIsEnoughAndTheDetailListsThemSorted() {
      ApiKey k = key().clientRestriction(true, Set.of(ClientKind.GEMINI_CLI, ClientKind.CODEX_CLI)).build();

      assertThat(KeyPolicy.check(k, new RequestFacts(Provider.OPENAI, "gpt-5", "codex_cli_rs/0.40.0", false), NOW))
          .isEmpty();
      assertThat(
          KeyPolicy.check(k, new RequestFacts(Provider.GEMINI, "gemini-2.5-pro", "GeminiCLI/v0.1.5", false), NOW))
          .isEmpty();
      assertThat(KeyPolicy.check(k, CLAUDE_REQUEST, NOW).orElseThrow().details())
          .containsEntry("allowedClients", List.of("codex_cli", "gemini_cli"));
    }

    @Test
    void anEnabledRestrictionWithAnEmptyListAllowsAll() {
      ApiKey k = key().clientRestriction(true, Set.of()).build();

      assertThat(KeyPolicy.check(k, new RequestFacts(Provider.CLAUDE, null, "curl/8", false), NOW)).isEmpty();
    }

    @Test
    void aDisabledRestrictionIgnoresItsList() {
      ApiKey k = key().clientRestriction(false, Set.of(ClientKind.CLAUDE_CODE)).build();

      assertThat(KeyPolicy.check(k, new RequestFacts(Provider.CLAUDE, null, "curl/8", false), NOW)).isEmpty();
    }

    @Test
    void tokenCountRequestsSkipTheClientCheck() {
      assertThat(KeyPolicy.check(claudeCodeOnly, new RequestFacts(Provider.CLAUDE, null, "curl/8", true), NOW))
          .isEmpty();
    }

    @Test
    void tokenCountRequestsStillObeyEverythingElse() {
      ApiKey k = key().clientRestriction(true, Set.of(ClientKind.CLAUDE_CODE)).permissions(EnumSet.of(Provider.OPENAI))
          .modelRestriction(true, List.of("claude-opus-4")).build();

      assertThat(kindOf(k, new RequestFacts(Provider.CLAUDE, null, "curl/8", true), NOW))
          .contains(FailureKind.POLICY_PERMISSION_DENIED);
      assertThat(kindOf(k, new RequestFacts(Provider.OPENAI, "claude-opus-4", "curl/8", true), NOW))
          .contains(FailureKind.POLICY_MODEL_BLOCKED);
    }
  }

  @Nested
  class ModelBlacklist {
    private final ApiKey blocksOpus = key().modelRestriction(true, List.of("Claude-Opus-4-1")).build();

    @Test
    void aListedModelIsBlockedIgnoringCase() {
      Failure f = KeyPolicy
          .check(blocksOpus, new RequestFacts(Provider.CLAUDE, "claude-opus-4-1", CLAUDE_CODE_UA, false), NOW)
          .orElseThrow();

      assertThat(f.kind()).isEqualTo(FailureKind.POLICY_MODEL_BLOCKED);
      assertThat(f.message()).isEqualTo("Model claude-opus-4-1 is not allowed for this API key");
      assertThat(KeyPolicy.isModelBlocked(blocksOpus, "CLAUDE-OPUS-4-1")).isTrue();
    }

    @Test
    void theListIsABlacklistSoUnlistedModelsPass() {
      assertThat(KeyPolicy.check(blocksOpus, CLAUDE_REQUEST, NOW)).isEmpty();
      assertThat(KeyPolicy.isModelBlocked(blocksOpus, "claude-opus-4")).isFalse();
    }

    @Test
    void aRequestWithoutAModelIsNotBlocked() {
      assertThat(KeyPolicy.check(blocksOpus, new RequestFacts(Provider.CLAUDE, null, CLAUDE_CODE_UA, false), NOW))
          .isEmpty();
      assertThat(KeyPolicy.isModelBlocked(blocksOpus, null)).isFalse();
    }

    @Test
    void aDisabledRestrictionIgnoresItsList() {
      ApiKey k = key().modelRestriction(false, List.of("claude-sonnet-4-5")).build();

      assertThat(KeyPolicy.check(k, CLAUDE_REQUEST, NOW)).isEmpty();
      assertThat(KeyPolicy.isModelBlocked(k, "claude-sonnet-4-5")).isFalse();
    }
  }

  @Nested
  class Order {
    /** A key that breaks every rule; fixing one rule at a time must reveal the next. */
    private ApiKey.Builder brokenEverywhere() {
      return key().active(false).deletedAt(NOW).expiry(Expiry.fixed(NOW.minusSeconds(1)))
          .permissions(EnumSet.of(Provider.GEMINI))
          .clientRestriction(true, Set.of(ClientKind.GEMINI_CLI))
          .modelRestriction(true, List.of("claude-sonnet-4-5"));
    }

    @Test
    void disabledThenExpiredThenPermissionThenClientThenModel() {
      ApiKey.Builder b = brokenEverywhere();
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).contains(FailureKind.AUTH_KEY_DISABLED);

      b.active(true);
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).as("deleted but active")
          .contains(FailureKind.AUTH_KEY_DISABLED);

      b.deletedAt(null);
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).contains(FailureKind.AUTH_KEY_EXPIRED);

      b.expiry(Expiry.NEVER);
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).contains(FailureKind.POLICY_PERMISSION_DENIED);

      b.permissions(Set.of());
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).contains(FailureKind.POLICY_CLIENT_NOT_ALLOWED);

      b.clientRestriction(false, Set.of());
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).contains(FailureKind.POLICY_MODEL_BLOCKED);

      b.modelRestriction(false, List.of());
      assertThat(kindOf(b.build(), CLAUDE_REQUEST, NOW)).isEmpty();
    }
  }
}
